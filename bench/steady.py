"""One sandbox, one configuration, measured again and again: for tuning, not for the report.

    python3 bench/steady.py            # durable, 64 KiB, c=64: 15 s warm-up, then 3 x 10 s

Starts the packaged jar the way bench/bench.py does (fresh data directory, seeded through the API),
loads it with the same wrk script, and prints per run: uploads/s, p50/p99, and the CPU each upload
cost the JVM and PostgreSQL (from /proc). CPU per upload is the number to compare between builds:
throughput on a 2-core machine moves with whatever else runs. Knobs (environment): STEADY_MODE
(durable|relaxed), STEADY_SIZE (4k|64k|1m), STEADY_CONNS, STEADY_WARMUP, STEADY_RUNS,
STEADY_SECONDS; BENCH_SANDBOX_JVM_OPTS and the other BENCH_* knobs of bench.py apply too.
Writes nothing into docs/ or bench/results/.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402


def main():
    mode = os.environ.get("STEADY_MODE", "durable")
    size = os.environ.get("STEADY_SIZE", "64k")
    conns = int(os.environ.get("STEADY_CONNS", "64"))
    warmup = int(os.environ.get("STEADY_WARMUP", "15"))
    runs = int(os.environ.get("STEADY_RUNS", "3"))
    seconds = int(os.environ.get("STEADY_SECONDS", "10"))
    bench.WORK.mkdir(parents=True, exist_ok=True)
    body = bench.WORK / f"png-{size}.png"
    body.write_bytes(bench.png_of_size(bench.SIZES[size], seed=bench.SIZES[size]))
    server = bench.Sandbox(mode, mode)
    try:
        server.start()
        slots = server.dir / "slots.txt"
        slots.write_text("\n".join(server.slot_lines()) + "\n")
        print(f"pid {server.process.pid}: {mode}, {size}, c={conns}", flush=True)
        if warmup > 0:
            bench.wrk(server, size, conns, False, warmup, slots, body)
        for run in range(1, runs + 1):
            with bench.Sampler(server.process.pid, server.pg_data_dir) as sampler:
                w = bench.wrk(server, size, conns, False, seconds, slots, body)
            wall, count = w["duration_us"] / 1e6, max(w["requests"], 1)
            jvm_ms = sampler.result["cpu_pct"] / 100 * wall * 1000 / count
            pg_ms = sampler.pg_result["cpu_pct"] / 100 * wall * 1000 / count
            errors = sum(w[k] for k in ("connect", "read", "write", "timeout"))
            print(f"run {run}: {w['requests'] / wall:.0f} uploads/s, p50 {w['p50'] / 1000:.0f} ms, "
                  f"p99 {w['p99'] / 1000:.0f} ms, non-2xx {w['status']}, socket errors {errors}; "
                  f"CPU per upload: JVM {jvm_ms:.2f} ms, PostgreSQL {pg_ms:.2f} ms; "
                  f"JVM peak RSS {sampler.result['peak_rss_mib']} MiB", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
