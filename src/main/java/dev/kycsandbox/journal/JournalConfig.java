package dev.kycsandbox.journal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sandbox.journal")
public interface JournalConfig {

    /** How many of the last requests to connectFi's API are kept ({@code SANDBOX_JOURNAL_SIZE}); 0 turns the journal off. */
    @WithDefault("500")
    int size();

    /** How much of a request body is kept, in bytes ({@code SANDBOX_JOURNAL_BODY_LIMIT}); files are never kept. */
    @WithDefault("4096")
    int bodyLimit();
}
