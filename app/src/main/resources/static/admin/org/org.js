// 组织机构管理: the organisation in figures (GET /api/admin/org), the template and export, and the
// upload: a dry run first (its report or every problem), then the confirmed import of the same file.
(function () {
  'use strict';
  var esc = Admin.esc;
  var checkedFile = null;

  function load() {
    Admin.call('GET', '/api/admin/org').then(function (r) {
      if (!r.ok) { Admin.message(Admin.problemText(r.body)); return; }
      var s = r.body;
      document.getElementById('summary').textContent = s.streets.length + ' 个街道，' + s.people + ' 名在用人员'
        + (s.disabledPeople ? '，' + s.disabledPeople + ' 名已停用' : '');
      var hint = document.getElementById('hint');
      hint.hidden = !s.hint;
      hint.textContent = s.hint || '';
      var rows = s.streets.map(function (st) {
        return '<tr><td>' + esc(st.code) + ' ' + esc(st.name) + '</td><td>' + esc(st.numberPrefix) + '</td><td>'
          + esc(st.centerGroup) + ' / ' + esc(st.leadersGroup) + '</td><td class="num">' + st.supervisionGroups
          + '</td><td class="num">' + st.communities + '</td><td class="num">' + st.grids + '</td><td class="num">'
          + st.departments + '</td><td class="num">' + st.people + '</td></tr>';
      });
      document.querySelector('#streets tbody').innerHTML = rows.length ? rows.join('')
        : '<tr><td class="empty" colspan="8">尚无街道</td></tr>';
      document.getElementById('communities').textContent = s.streets.map(function (st) {
        return st.name + '：' + st.communityNames.join('、');
      }).join('；');
    });
  }

  function counts(report) {
    var rows = Object.keys(report.counts).map(function (kind) {
      var c = report.counts[kind];
      return '<tr><td>' + esc(kind) + '</td><td class="num">' + c.added + '</td><td class="num">' + c.changed
        + '</td><td class="num">' + c.unchanged + '</td><td class="num">' + c.removed + '</td></tr>';
    });
    return '<table><thead><tr><th>内容</th><th class="num">新增</th><th class="num">修改</th><th class="num">不变</th>'
      + '<th class="num">删除/停用</th></tr></thead><tbody>' + rows.join('') + '</tbody></table>';
  }

  function problems(list) {
    var rows = list.map(function (p) {
      return '<tr class="problem"><td>' + esc(p.sheet) + '</td><td class="num">' + (p.row > 0 ? p.row : '') + '</td><td>'
        + esc(p.column) + '</td><td>' + esc(p.message) + '</td></tr>';
    });
    return '<p class="bad">文件有 ' + list.length + ' 处问题，未导入任何内容。请改正后重新上传：</p>'
      + '<table><thead><tr><th>工作表</th><th class="num">行</th><th>列</th><th>问题</th></tr></thead><tbody>'
      + rows.join('') + '</tbody></table>';
  }

  function accounts(list, applied) {
    if (!list.length) { return ''; }
    var rows = list.map(function (a) {
      return '<tr><td>' + esc(a.userId) + '</td><td>' + esc(a.name) + '</td>'
        + (applied ? '<td class="pw">' + esc(a.password) + '</td>' : '') + '</tr>';
    });
    return '<h3>' + (applied ? '新账号的初始密码（只显示这一次，请当场转交本人，并提醒其登录后修改）' : '将新建的账号') + '</h3>'
      + '<table class="passwords"><thead><tr><th>账号</th><th>姓名</th>' + (applied ? '<th>初始密码</th>' : '')
      + '</tr></thead><tbody>' + rows.join('') + '</tbody></table>';
  }

  function show(report) {
    var html;
    if (!report.valid) {
      html = problems(report.problems);
    } else {
      var changes = Object.keys(report.counts).reduce(function (n, k) {
        var c = report.counts[k]; return n + c.added + c.changed + c.removed;
      }, 0);
      html = '<p class="ok">' + (report.applied ? '已导入' : '预检通过') + '：街道 ' + esc(report.streets.join('、'))
        + (changes ? '，共 ' + changes + ' 处变化' : '，与系统中现有内容完全一致，导入不会产生变化') + '。</p>'
        + counts(report)
        + (report.disabled.length ? '<p>将停用的账号：' + esc(report.disabled.join('、')) + '</p>' : '')
        + accounts(report.newAccounts, report.applied);
    }
    document.getElementById('result').innerHTML = html;
  }

  document.getElementById('file').addEventListener('change', function () {
    document.getElementById('fileName').textContent = this.files[0] ? this.files[0].name : '未选择文件';
  });

  document.getElementById('upload').addEventListener('submit', function (event) {
    event.preventDefault();
    var file = document.getElementById('file').files[0];
    document.getElementById('confirm').disabled = true;
    checkedFile = null;
    if (!file) { Admin.message('请选择 .xlsx 文件'); return; }
    Admin.message('');
    var form = new FormData();
    form.append('file', file);
    Admin.call('POST', '/api/admin/org/import?dryRun=true', form).then(function (r) {
      if (!r.ok) { Admin.message(Admin.problemText(r.body)); return; }
      show(r.body);
      if (r.body.valid) {
        checkedFile = file;
        document.getElementById('confirm').disabled = false;
      }
    });
  });

  document.getElementById('confirm').addEventListener('click', function () {
    if (!checkedFile) { return; }
    var form = new FormData();
    form.append('file', checkedFile);
    document.getElementById('confirm').disabled = true;
    Admin.call('POST', '/api/admin/org/import', form).then(function (r) {
      checkedFile = null;
      if (r.status === 400 && r.body && r.body.problems) {
        show({ valid: false, problems: r.body.problems });
        return;
      }
      if (!r.ok) { Admin.message(Admin.problemText(r.body)); return; }
      show(r.body);
      load();
    });
  });

  load();
}());
