// 访问审计: lists /api/audit with the page's filters; the export link carries the same filters.
(function () {
  'use strict';
  var FILTERS = ['user', 'item', 'action', 'from', 'to'];
  var SIZE = 50;
  var page = 0;
  var total = 0;

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
  function query() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var value = document.getElementById(name).value.trim();
      if (value) { params.set(name, value); }
    });
    return params;
  }
  function time(iso) { return iso ? text(iso).replace('T', ' ').substring(0, 19) : ''; }

  function render(answer) {
    total = answer.total;
    var rows = answer.items.map(function (e) {
      return '<tr' + (e.action === 'REFUSED' ? ' class="refused"' : '') + '><td>' + esc(time(e.at)) + '</td><td>' + esc(e.user)
        + '</td><td>' + esc(e.item) + '</td><td>' + esc(e.actionLabel) + '</td><td>' + esc(e.status)
        + '</td><td>' + esc(e.method ? e.method + ' ' + e.path : '') + '</td><td class="detail">' + esc(e.detail) + '</td></tr>';
    });
    document.querySelector('#entries tbody').innerHTML = rows.length ? rows.join('')
      : '<tr><td class="empty" colspan="7">没有符合条件的记录</td></tr>';
    var pages = Math.max(1, Math.ceil(total / SIZE));
    document.getElementById('summary').textContent = '共 ' + total + ' 条';
    document.getElementById('position').textContent = '第 ' + (page + 1) + ' / ' + pages + ' 页';
    document.getElementById('previous').disabled = page === 0;
    document.getElementById('next').disabled = page + 1 >= pages;
  }

  function load() {
    var params = query();
    document.getElementById('export').href = '/api/audit/export' + (params.toString() ? '?' + params : '');
    params.set('page', page);
    params.set('size', SIZE);
    message('');
    fetch('/api/audit?' + params, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 403) { throw new Error('您无权查看访问审计（仅系统管理员和街道领导）。'); }
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error((body.errors && body.errors.length ? body.errors.map(function (e) { return e.field + '：' + e.message; }).join('；') : body.detail) || '查询失败');
          }
          return body;
        });
      })
      .then(render)
      .catch(function (e) { message(e.message); });
  }

  document.getElementById('filters').addEventListener('submit', function (event) {
    event.preventDefault();
    page = 0;
    load();
  });
  document.getElementById('previous').addEventListener('click', function () { page = Math.max(0, page - 1); load(); });
  document.getElementById('next').addEventListener('click', function () { page += 1; load(); });
  load();
}());
