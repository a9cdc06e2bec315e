// Shared by the administrators' pages: escaping, problem+json messages, and the session's CSRF token.
var Admin = (function () {
  'use strict';
  function text(value) { return value === null || value === undefined ? '' : String(value); }
  function esc(value) {
    return text(value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function message(msg) {
    var el = document.getElementById('message');
    el.textContent = msg || '';
    el.hidden = !msg;
  }
  // A Tasklist session must send Camunda's CSRF token on writes (docs/security.md); HTTP basic needs none.
  // Camunda's XSRF-TOKEN cookie is scoped to /camunda, so the token is read from the app once per page.
  var token = null;
  function sessionToken() {
    if (token !== null) { return Promise.resolve(token); }
    return fetch('/api/admin/session-token', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (body) { token = body.token || ''; return token; });
  }
  function problemText(body) {
    if (!body) { return '请求失败'; }
    var parts = [body.detail || body.title || '请求失败'];
    (body.errors || []).forEach(function (e) { parts.push(e.field + '：' + e.message); });
    return parts.join('；');
  }
  function call(method, url, body) {
    if (method === 'GET') { return send(method, url, body, ''); }
    return sessionToken().then(function (t) { return send(method, url, body, t); });
  }
  function send(method, url, body, csrf) {
    var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (csrf) { init.headers['X-XSRF-TOKEN'] = csrf; }
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (t) {
        var json = null;
        try { json = t ? JSON.parse(t) : null; } catch (e) { json = null; }
        return { status: response.status, ok: response.ok, body: json };
      });
    });
  }
  return { esc: esc, text: text, message: message, call: call, problemText: problemText };
}());
