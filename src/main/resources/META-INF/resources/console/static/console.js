// The journal's live view: polls for entries newer than the last one shown and adds them at the
// top. Every value goes in through textContent, never as HTML: requests are hostile input.
(function () {
  'use strict';
  var table = document.getElementById('journal');
  if (!table) {
    return;
  }
  var body = table.tBodies[0];
  var state = document.getElementById('live-state');
  var last = 0;
  var filters = {
    customerId: table.dataset.customerId,
    status: table.dataset.status,
    route: table.dataset.route
  };

  function cell(row, text, className) {
    var td = row.insertCell(-1);
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) {
      td.className = className;
    }
    return td;
  }

  function detail(entry) {
    var shown = {
      requestHeaders: entry.requestHeaders,
      requestBody: entry.requestBody,
      requestBodyTruncated: entry.requestBodyTruncated,
      file: entry.file,
      responseHeaders: entry.responseHeaders,
      responseBody: entry.responseBody,
      responseBodySize: entry.responseBodySize
    };
    var row = document.createElement('tr');
    row.className = 'detail';
    row.hidden = true;
    var td = row.insertCell(-1);
    td.colSpan = 9;
    var pre = document.createElement('pre');
    pre.textContent = JSON.stringify(shown, null, 2);
    td.appendChild(pre);
    return row;
  }

  function add(entry, fresh) {
    var row = document.createElement('tr');
    row.className = 'entry' + (fresh ? ' fresh' : '');
    row.dataset.seq = entry.seq;
    cell(row, entry.startedAt);
    cell(row, entry.method);
    // the route template without its method, which has a column of its own
    var route = entry.route ? entry.route.substring(entry.route.indexOf(' ') + 1) : entry.path;
    cell(row, route).title = entry.path;
    cell(row, entry.status === 0 ? 'reset' : entry.status, 'status-' + String(entry.status).charAt(0));
    cell(row, entry.durationMs);
    cell(row, entry.tenantId);
    var customer = cell(row, '');
    if (entry.customerId) {
      var link = document.createElement('a');
      link.href = '/console/customers/' + encodeURIComponent(entry.customerId);
      link.textContent = entry.customerId;
      customer.appendChild(link);
    }
    cell(row, entry.fault, entry.fault ? 'fault' : '');
    cell(row, entry.requestId);
    var more = detail(entry);
    row.addEventListener('click', function () { more.hidden = !more.hidden; });
    return [row, more];
  }

  function poll() {
    var query = new URLSearchParams({ after: String(last), limit: '200' });
    Object.keys(filters).forEach(function (key) {
      if (filters[key]) {
        query.set(key, filters[key]);
      }
    });
    fetch('/console/requests.json?' + query.toString(), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign('/console/login?next=' + encodeURIComponent(window.location.pathname + window.location.search));
          throw new Error('logged out');
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (entries) {
        var fresh = last > 0;
        // newest first: insert the oldest of the batch first, each at the top
        for (var i = entries.length - 1; i >= 0; i--) {
          var rows = add(entries[i], fresh);
          body.insertBefore(rows[1], body.firstChild);
          body.insertBefore(rows[0], body.firstChild);
          last = Math.max(last, entries[i].seq);
        }
        state.textContent = 'Live';
      })
      .catch(function (error) {
        state.textContent = 'Paused (' + error.message + ')';
      })
      .then(function () {
        window.setTimeout(poll, 1000);
      });
  }

  poll();
}());
