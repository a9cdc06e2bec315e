// 底数台账导入: upload → dry run (every row's fate and problems) → confirm (the whole file or nothing).
(function () {
  'use strict';
  const form = document.getElementById('upload');
  const fileInput = document.getElementById('file');
  const confirmButton = document.getElementById('confirm');
  const checkButton = document.getElementById('check');
  const message = document.getElementById('message');
  const onlyProblems = document.getElementById('onlyProblems');
  const ACTIONS = { CREATE: '将新建', SKIP: '已导入，跳过', ERROR: '有问题' };
  const DONE = { CREATE: '已新建', SKIP: '已导入，跳过', ERROR: '有问题' };
  let checked = null; // the file whose dry run had no problem
  let lastReport = null;

  // A Tasklist session must send its CSRF token with the upload; signed in with a password prompt (basic), there is none.
  async function csrfToken() {
    const response = await fetch('/api/admin/session-token', {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    });
    const body = response.ok ? await response.json() : {};
    return body.token || null;
  }

  function show(text, done) {
    message.textContent = text;
    message.hidden = !text;
    message.classList.toggle('done', !!done);
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function card(container, value, name, kind) {
    const div = document.createElement('div');
    div.className = 'card' + (kind ? ' ' + kind : '');
    const v = document.createElement('div');
    v.className = 'value';
    v.textContent = value;
    const n = document.createElement('div');
    n.className = 'name';
    n.textContent = name;
    div.append(v, n);
    container.appendChild(div);
  }

  function render(report) {
    lastReport = report;
    document.getElementById('result').hidden = false;
    const labels = report.imported ? DONE : ACTIONS;
    document.getElementById('resultTitle').textContent = report.imported ? '导入结果' : '检查结果';
    document.getElementById('summary').textContent = report.fileName + (report.imported ? ' · 已导入' : ' · 试导入，尚未写入');
    const cards = document.getElementById('cards');
    cards.replaceChildren();
    card(cards, report.rows, '行');
    card(cards, report.created, report.imported ? '已新建' : '将新建', 'ok');
    card(cards, report.skipped, '已导入（跳过）');
    card(cards, report.errors, '有问题的行', report.errors ? 'bad' : '');
    const bySteps = document.getElementById('bySteps');
    bySteps.replaceChildren();
    const steps = Object.entries(report.byStep || {});
    if (steps.length) {
      bySteps.append(report.imported ? '已进入的环节：' : '导入后所在环节：');
      steps.forEach(([step, count]) => {
        const span = document.createElement('span');
        const b = document.createElement('b');
        b.textContent = count;
        span.append(step + ' ', b, ' 项');
        bySteps.appendChild(span);
      });
    }
    const fileProblems = document.getElementById('fileProblems');
    fileProblems.replaceChildren();
    (report.fileProblems || []).forEach(text => {
      const li = document.createElement('li');
      li.textContent = text;
      fileProblems.appendChild(li);
    });
    if ((report.ignoredColumns || []).length) {
      const li = document.createElement('li');
      li.className = 'ignored';
      li.textContent = '以下列不是台账模板的列，不导入：' + report.ignoredColumns.join('、');
      fileProblems.appendChild(li);
    }
    const body = document.querySelector('#lines tbody');
    body.replaceChildren();
    report.lines.filter(l => !onlyProblems.checked || l.action === 'ERROR').forEach(line => {
      const tr = document.createElement('tr');
      tr.className = line.action;
      cell(tr, line.row);
      cell(tr, line.number);
      cell(tr, line.title, 'title');
      cell(tr, line.ledgerStatus);
      cell(tr, line.step);
      cell(tr, labels[line.action], 'action ' + line.action);
      const problems = cell(tr, '', 'problem');
      line.problems.forEach(p => {
        const div = document.createElement('div');
        div.textContent = p.column + '：' + p.message;
        problems.appendChild(div);
      });
      body.appendChild(tr);
    });
  }

  async function send(dryRun) {
    const file = fileInput.files[0];
    if (!file) {
      show('请先选择台账文件（.xlsx）。');
      return;
    }
    const data = new FormData();
    data.append('file', file);
    const headers = { Accept: 'application/json' };
    const token = await csrfToken().catch(() => null);
    if (token) headers['X-XSRF-TOKEN'] = token;
    checkButton.disabled = true;
    confirmButton.disabled = true;
    show(dryRun ? '正在检查……' : '正在导入，请勿关闭页面……');
    try {
      const response = await fetch('/api/admin/ledger-import?dryRun=' + dryRun, {
        method: 'POST', body: data, credentials: 'same-origin', headers
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        render(body);
        if (dryRun) {
          checked = body.errors === 0 && body.fileProblems.length === 0 && body.created > 0 ? file : null;
          show(checked ? '检查通过：将新建 ' + body.created + ' 项、跳过 ' + body.skipped + ' 项。确认无误后点击“确认导入”。'
            : body.created === 0 && body.errors === 0 ? '文件中的事项都已导入过，没有要新建的事项。'
            : '有 ' + body.errors + ' 行有问题，请改正后重新上传检查。');
        } else {
          checked = null;
          show('导入完成：新建 ' + body.created + ' 项，跳过 ' + body.skipped + ' 项。', true);
        }
      } else {
        checked = null;
        if (body.report) render(body.report);
        show((body.title ? body.title + '：' : '') + (body.detail || ('请求失败（' + response.status + '）')));
      }
    } catch (e) {
      show('网络错误，请稍后重试。');
    } finally {
      checkButton.disabled = false;
      confirmButton.disabled = !checked || checked !== fileInput.files[0];
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    send(true);
  });
  confirmButton.addEventListener('click', () => {
    if (window.confirm('确认导入该台账？整个文件一次导入，导入后事项进入各自的办理环节。')) {
      send(false);
    }
  });
  fileInput.addEventListener('change', () => {
    document.getElementById('fileName').textContent = fileInput.files[0] ? fileInput.files[0].name : '未选择文件';
    checked = null;
    confirmButton.disabled = true;
  });
  onlyProblems.addEventListener('change', () => {
    if (lastReport) render(lastReport);
  });
}());
