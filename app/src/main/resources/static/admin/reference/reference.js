// 基础数据管理: categories, subcategories, sources, closure outcomes and transfer bodies (rename, add, deactivate,
// remove when unused) and the resolution targets, through /api/admin/reference.
(function () {
  'use strict';
  var esc = Admin.esc;
  var LEVELS = { HIGH: '高风险', MEDIUM: '中风险', LOW: '低风险' };

  function after(r) {
    if (!r.ok) { Admin.message(Admin.problemText(r.body)); return; }
    Admin.message('');
    load();
  }

  function render(data) {
    var targets = Object.keys(LEVELS).map(function (level) {
      var value = data.targets[level];
      return '<tr><td>' + LEVELS[level] + '</td><td><input type="number" min="1" max="100" step="0.1" data-level="' + level
        + '" value="' + (Math.round(Number(value) * 1000) / 10) + '"> %</td><td><button type="button" data-save-target="'
        + level + '">保存</button></td></tr>';
    });
    document.querySelector('#targets tbody').innerHTML = targets.join('');
    // A subcategory's category is picked by its name, not typed as a code.
    var categoryNames = {};
    var categories = ((data.kinds.CATEGORY || {}).codes || []).map(function (c) {
      categoryNames[c.code] = c.name;
      return '<option value="' + esc(c.code) + '">' + esc(c.name) + '</option>';
    }).join('');
    var html = Object.keys(data.kinds).map(function (kind) {
      var k = data.kinds[kind];
      var rows = k.codes.map(function (c) {
        return '<tr class="' + (c.active ? '' : 'inactive') + '"><td>' + esc(c.code) + '</td><td><input type="text" maxlength="64" value="'
          + esc(c.name) + '" data-name="' + esc(kind + '/' + c.code) + '"></td>'
          + (kind === 'SUBCATEGORY' ? '<td>' + esc(categoryNames[c.parentCode] || c.parentCode) + '</td>' : '')
          + '<td class="num">' + c.uses + '</td><td>' + (c.active ? '在用' : '已停用') + '</td><td>'
          + '<button type="button" data-rename="' + esc(kind + '/' + c.code) + '">改名</button> '
          + '<button type="button" data-toggle="' + esc(kind + '/' + c.code) + '" data-active="' + c.active + '">'
          + (c.active ? '停用' : '启用') + '</button> '
          + (c.uses ? '' : '<button type="button" data-remove="' + esc(kind + '/' + c.code) + '">删除</button>')
          + '</td></tr>';
      });
      return '<section class="period"><h2>' + esc(k.label) + '</h2><div class="section-scroll"><table><thead><tr><th>编码</th><th>名称</th>'
        + (kind === 'SUBCATEGORY' ? '<th>所属类别</th>' : '') + '<th class="num">使用事项</th><th>状态</th><th>操作</th></tr></thead><tbody>'
        + rows.join('') + '</tbody></table></div>'
        + '<form class="actions" data-add="' + kind + '"><label>编码 <input type="text" name="code" maxlength="32" placeholder="如 NEIGHBOUR"></label> '
        + '<label>名称 <input type="text" name="name" maxlength="64"></label> '
        + (kind === 'SUBCATEGORY' ? '<label>所属类别 <select name="parentCode">' + categories + '</select></label> ' : '')
        + '<button type="submit">新增</button></form></section>';
    });
    document.getElementById('kinds').innerHTML = html.join('');
  }

  function load() {
    Admin.call('GET', '/api/admin/reference').then(function (r) {
      if (!r.ok) { Admin.message(Admin.problemText(r.body)); return; }
      render(r.body);
    });
  }

  document.addEventListener('click', function (event) {
    var t = event.target;
    if (t.dataset.saveTarget) {
      var input = document.querySelector('input[data-level="' + t.dataset.saveTarget + '"]');
      var target = Math.round(Number(input.value) * 10) / 1000;
      Admin.call('PUT', '/api/admin/reference/targets/' + t.dataset.saveTarget, { target: target }).then(after);
    } else if (t.dataset.rename) {
      var name = document.querySelector('input[data-name="' + t.dataset.rename + '"]').value;
      Admin.call('PUT', '/api/admin/reference/' + t.dataset.rename, { name: name }).then(after);
    } else if (t.dataset.toggle) {
      Admin.call('PUT', '/api/admin/reference/' + t.dataset.toggle, { active: t.dataset.active !== 'true' }).then(after);
    } else if (t.dataset.remove) {
      Admin.call('DELETE', '/api/admin/reference/' + t.dataset.remove).then(after);
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.dataset.add) { return; }
    event.preventDefault();
    var fields = form.elements;
    var body = { code: fields.namedItem('code').value.trim(), name: fields.namedItem('name').value.trim() };
    if (fields.namedItem('parentCode')) { body.parentCode = fields.namedItem('parentCode').value.trim(); }
    Admin.call('POST', '/api/admin/reference/' + form.dataset.add, body).then(after);
  });

  load();
}());
