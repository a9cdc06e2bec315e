// The case file (卷宗) of a risk item, rendered from GET /api/risk-items/{number}. Shared by the
// Tasklist tab (tasklist/scripts/casefile/plugin.js) and the case page (/items/{number}).
// Built with DOM calls and textContent only: no HTML strings, nothing from the item is markup.

const ZONE = 'Asia/Shanghai';
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false
});

const EMERGENCY_PLAN = [
  ['activationCriteria', '启动条件'], ['standDownCriteria', '解除条件'], ['command', '指挥体系'],
  ['duties', '职责分工'], ['emergencyMeasures', '处置措施'], ['supplies', '物资保障']
];

const EVENTS = {
  REGISTERED: '登记', MERGED: '合并重复反映', REPEAT_REPORTED: '重复反映', RESUGGESTED: '重新建议等级',
  REGRADED: '调整风险等级', REGRADE_REQUESTED: '申请降级', REGRADE_APPROVED: '同意降级', REGRADE_REJECTED: '不同意降级', REGRADE_LAPSED: '降级申请终止',
  DUPLICATE_REVIEWED: '重复事项研判', GRADED: '研判定级', WARNING: '预警', RECTIFIED: '立即整改',
  PLANNED: '制定一事一策', EMERGENCY_PLAN_DRAFTED: '拟定应急预案', EMERGENCY_PLAN_APPROVED: '应急预案获批',
  EMERGENCY_PLAN_REJECTED: '应急预案退回', EMERGENCY_PLAN_WITHDRAWN: '应急预案编制终止', REDISPATCHED: '重新派单', FEEDBACK_GIVEN: 'T+2 反馈',
  PROGRESS_UPDATED: '进展更新', RESOLUTION_REQUESTED: '申请化解', EXTENSION_REQUESTED: '申请延期',
  EXTENSION_APPROVED: '延期获批', EXTENSION_REJECTED: '延期驳回', RETURNED: '退单', TRANSFERRED: '移交',
  WHISTLE_CALLED: '吹哨', ESCALATION_REQUESTED: '提请联席会议', CLOSURE_REQUESTED: '申请销号', CLOSED: '销号',
  CLOSURE_REJECTED: '销号退回', FOLLOW_UP_VISITED: '回访', REOPENED: '重新启动', DEPARTMENT_SUMMONED: '召集部门',
  REPORTED_IN: '部门报到', REPORT_IN_DECLINED: '部门拒绝报到', REPORT_IN_MISSED: '部门未按时报到',
  REPORT_IN_HELD: '报到暂缓', REPORT_IN_RELEASED: '报到解除', JOINTLY_HANDLED: '联合处置', ESCALATED: '提级',
  ESCALATION_APPROVED: '提级获批', ESCALATION_REJECTED: '提级驳回', MEETING_OPENED: '发起联席会议',
  MEETING_INVITED: '会议邀请', MEETING_CONVENED: '召开会议', MEETING_HELD: '会议结束', ACTION_ITEM: '会议任务',
  ACTION_ITEM_DONE: '会议任务完成', ACTION_ITEM_OVERDUE: '会议任务超期', LONG_TERM: '转为长期事项',
  DEADLINE_MISSED: '超期', REMINDED: '催办', SUPERVISION_ISSUED: '督办', SUPERVISION_REPLIED: '督办回复',
  PUBLIC_NOTICE: '通报', DAILY_CHECK_FLAGGED: '日核发现问题', CHECK_FOLLOWED_UP: '日核跟进',
  DAILY_CHECK_DONE: '日核完成', REPORT_REVIEWED: '报表审核', ATTACHMENT_ADDED: '上传附件', IMPORTED: '台账导入',
  IMPORTED_NOTE: '台账记录（导入）', TASK_COMPLETED: '完成任务'
};

const PURPOSES = [['EVIDENCE', '佐证材料'], ['PROGRESS', '进展材料'], ['INTAKE', '登记材料']];
const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf,.docx,.xlsx';

/** Reads the item with the caller's own session; rejects with a Chinese message on 403/404. */
export async function loadItem(number) {
  const response = await fetch('/api/risk-items/' + encodeURIComponent(number), {
    credentials: 'same-origin', headers: { Accept: 'application/json' }
  });
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail || '';
    } catch (ignored) {
      // not problem+json
    }
    const reason = response.status === 403 ? '无权查看此事项' : response.status === 404 ? '事项不存在' : '读取失败';
    throw new Error(detail || (reason + '（' + response.status + '）'));
  }
  return response.json();
}

export function formatTime(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const date = new Date(value);
  return isNaN(date.getTime()) ? String(value) : DATE_TIME.format(date).replace(/\//g, '-');
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

function show(value) {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

function section(parent, title) {
  const box = el('section', 'cf-section');
  box.appendChild(el('h3', 'cf-heading', title));
  parent.appendChild(box);
  return box;
}

/** A two-column list of label → value. */
function fields(parent, rows) {
  const list = el('dl', 'cf-fields');
  for (const [label, value] of rows) {
    list.appendChild(el('dt', null, label));
    list.appendChild(el('dd', null, show(value)));
  }
  parent.appendChild(list);
  return list;
}

function table(parent, headings, rows, emptyText) {
  if (!rows.length) {
    parent.appendChild(el('p', 'cf-empty', emptyText));
    return;
  }
  const t = el('table', 'cf-table');
  const head = el('tr');
  headings.forEach(h => head.appendChild(el('th', null, h)));
  t.appendChild(el('thead')).appendChild(head);
  const body = el('tbody');
  rows.forEach(cells => {
    const tr = el('tr');
    cells.forEach((cell, i) => {
      const td = el('td', null, show(cell));
      td.setAttribute('data-label', headings[i]);
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  t.appendChild(body);
  parent.appendChild(t);
}

function flags(item) {
  const box = el('div', 'cf-flags');
  const all = [
    [item.threatOfViolence, '有暴力倾向 / 扬言报复', 'cf-flag-violence'],
    [item.involvesMinors, '涉及未成年人', 'cf-flag-minors'],
    [item.crossJurisdiction, '跨辖区', 'cf-flag-cross'],
    [item.overdue, '已超期', 'cf-flag-overdue']
  ];
  let any = false;
  for (const [on, label, kind] of all) {
    if (on) {
      box.appendChild(el('span', 'cf-flag ' + kind, '⚠ ' + label));
      any = true;
    }
  }
  if (!any) {
    box.appendChild(el('span', 'cf-flag cf-flag-none', '无暴力倾向、未成年人、跨辖区标记'));
  }
  return box;
}

/** The reporter's phone location beside the address, e.g. "北纬 39.908700°，东经 116.397500°". */
function coordinates(item) {
  if (typeof item.latitude !== 'number' || typeof item.longitude !== 'number') {
    return null;
  }
  const lat = (item.latitude >= 0 ? '北纬 ' : '南纬 ') + Math.abs(item.latitude).toFixed(6) + '°';
  const lng = (item.longitude >= 0 ? '东经 ' : '西经 ') + Math.abs(item.longitude).toFixed(6) + '°';
  return lat + '，' + lng;
}

function level(labels, code, suffix) {
  const text = labels && labels[code] ? labels[code] : null;
  return text ? text + '风险' + (suffix || '') : null;
}

/**
 * Renders the case file into container (emptied first). options.pageLink adds the link to the
 * printable case page.
 */
export function renderCaseFile(container, item, options = {}) {
  const labels = item.labels || {};
  container.textContent = '';
  const root = el('div', 'cf-case-file');

  const header = el('header', 'cf-header');
  header.appendChild(el('h2', 'cf-title', item.number + ' ' + show(item.title)));
  const meta = el('p', 'cf-meta');
  meta.appendChild(el('span', 'cf-status', show(labels.status || item.status)));
  const graded = level(labels, 'riskLevel');
  meta.appendChild(el('span', 'cf-level cf-level-' + (item.riskLevel || labels.suggestedLevelCode || 'NONE'),
    graded || (level(labels, 'suggestedLevel', '（系统建议）') || '未定级')));
  header.appendChild(meta);
  if (options.pageLink) {
    const link = el('a', 'cf-page-link', '打开案卷页');
    link.href = '/items/' + encodeURIComponent(item.number);
    link.target = '_blank';
    link.rel = 'noopener';
    header.appendChild(link);
  }
  root.appendChild(header);
  root.appendChild(flags(item));

  const facts = section(root, '事项情况');
  facts.appendChild(el('p', 'cf-description', show(item.description)));
  fields(facts, [
    ['类别', labels.category || item.category],
    ['子类', item.subcategory],
    ['社区', labels.community || item.community],
    ['网格', item.grid],
    ['地址', item.address],
    ['上报位置', coordinates(item)],
    ['发生时间', formatTime(item.occurredAt)],
    ['上报时间', formatTime(item.reportedAt)],
    ['来源', labels.source || item.source],
    ['涉及人数', item.peopleInvolved],
    ['重复反映次数', item.repeatCount]
  ]);

  const grading = section(root, '研判定级');
  fields(grading, [
    ['系统建议等级', level(labels, 'suggestedLevel')],
    ['研判等级', graded || '尚未研判'],
    ['定级理由', item.gradeReason],
    ['研判人', labels.gradedBy || item.gradedBy],
    ['研判时间', formatTime(item.gradedAt)]
  ]);
  if (options.regrade && item.riskLevel) {
    renderRegrade(grading, item.number, () => loadItem(item.number).then(fresh => renderCaseFile(container, fresh, options)));
  }

  const plan = section(root, '一事一策');
  const p = item.plan || {};
  fields(plan, [
    ['责任单位', labels.responsibleUnit || p.responsibleUnit],
    ['包案领导', labels.responsibleLeader || p.responsibleLeader],
    ['摸排责任人', labels.investigator || p.investigator],
    ['化解责任人', labels.resolver || p.resolver],
    ['稳控责任人', labels.stabiliser || p.stabiliser],
    ['调度责任人', labels.dispatcher || p.dispatcher],
    ['化解措施', p.measures],
    ['办结期限', formatTime((item.deadlines || {}).resolveBy)]
  ]);

  if (item.riskLevel === 'HIGH' || item.emergencyPlan) {
    const emergency = section(root, '应急处置预案（一事一案）');
    let planText = {};
    try {
      planText = item.emergencyPlan ? JSON.parse(item.emergencyPlan) : {};
    } catch (e) {
      planText = { activationCriteria: item.emergencyPlan };
    }
    if (item.emergencyPlan) {
      fields(emergency, EMERGENCY_PLAN.map(([key, label]) => [label, planText[key]]));
    } else {
      emergency.appendChild(el('p', 'cf-empty cf-warning', '高风险事项尚未制定应急处置预案'));
    }
  }

  const deadlines = section(root, '时限');
  const states = item.deadlineStates || [];
  if (!states.length) {
    deadlines.appendChild(el('p', 'cf-empty', '尚无时限'));
  } else {
    const list = el('ul', 'cf-deadlines');
    for (const d of states) {
      const li = el('li', 'cf-deadline cf-deadline-' + d.state);
      li.appendChild(el('span', 'cf-deadline-label', d.label));
      li.appendChild(el('span', 'cf-deadline-due', formatTime(d.due)));
      li.appendChild(el('span', 'cf-deadline-state', d.stateLabel));
      if (d.doneAt) {
        li.appendChild(el('span', 'cf-deadline-done', '完成于 ' + formatTime(d.doneAt)));
      }
      list.appendChild(li);
    }
    deadlines.appendChild(list);
  }

  const parties = section(root, '当事人');
  if (item.personalDataMasked) {
    parties.appendChild(el('p', 'cf-note', '按保密规定，您的角色只能看到脱敏后的姓名和电话。'));
  }
  table(parties, ['姓名', '电话', '身份'], (item.parties || []).map(x => [x.name, x.phone, x.role]), '无登记当事人');

  const related = section(root, '来源与关联事项');
  table(related, ['来源渠道', '经由事项', '反映时间'],
    (item.sources || []).map(s => [s.source ? (SOURCE_LABELS[s.source] || s.source) : null, s.via_number, formatTime(s.reported_at)]),
    '无来源记录');
  if (item.mergedInto) {
    related.appendChild(el('p', 'cf-note', '本事项已合并至 ' + item.mergedInto));
  }
  if (item.transferredTo) {
    related.appendChild(el('p', 'cf-note', '本事项已移交至 ' + (labels.transferredTo || item.transferredTo)));
  }
  table(related, ['已合并的重复反映', '事项', '来源', '上报时间'],
    (item.mergedItems || []).map(m => [m.number, m.title, m.source, formatTime(m.reportedAt)]),
    '无合并的重复反映');

  const files = section(root, '附件');
  files.classList.add('cf-attachments');
  renderAttachments(files, item.number, options);

  const timeline = section(root, '处置经过');
  const events = item.timeline || [];
  if (!events.length) {
    timeline.appendChild(el('p', 'cf-empty', '暂无记录'));
  } else {
    const list = el('ol', 'cf-timeline');
    for (const e of events) {
      const li = el('li');
      li.appendChild(el('time', null, formatTime(e.at)));
      li.appendChild(el('strong', null, EVENTS[e.kind] || '记录'));
      li.appendChild(el('span', null, show(e.summary)));
      li.appendChild(el('small', null, [e.actor, e.unit].filter(Boolean).join(' · ')));
      list.appendChild(li);
    }
    timeline.appendChild(list);
  }

  container.appendChild(root);
  return root;
}

const SOURCE_LABELS = {
  GRID_SURVEY: '网格排查', COMMUNITY_CHECK: '社区自查', DEPARTMENT_SURVEY: '科室排查', HOTLINE_12345: '12345热线',
  POLICE_110: '110警情', LETTERS_VISITS: '信访', WALK_IN: '来访', OTHER: '其他'
};

function attachmentsUrl(number) {
  return '/api/risk-items/' + encodeURIComponent(number) + '/attachments';
}

/** The webapp session's CSRF token (Tasklist keeps it in the XSRF-TOKEN cookie); writes need it. */
function csrfToken() {
  const match = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : null;
}

function fileSize(bytes) {
  return bytes >= 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

/**
 * The item's files: photos as thumbnails, every file in a list with its download link, evidence
 * first (the approving leader looks for it). With options.upload (the Tasklist tab), a form adds a
 * file with the Tasklist session; each thumbnail and download is audited by the API.
 */
function renderAttachments(box, number, options) {
  const list = el('div', 'cf-attachment-list');
  list.appendChild(el('p', 'cf-empty', '正在读取附件……'));
  box.appendChild(list);
  const reload = () => fetch(attachmentsUrl(number), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(response => response.ok ? response.json() : Promise.reject(new Error('附件读取失败（' + response.status + '）')))
    .then(files => fillAttachments(list, number, files))
    .catch(error => {
      list.textContent = '';
      list.appendChild(el('p', 'cf-empty', error.message));
    });
  reload();
  if (options.upload) {
    box.appendChild(uploadForm(number, reload));
  }
}

function fillAttachments(list, number, files) {
  list.textContent = '';
  if (!files.length) {
    list.appendChild(el('p', 'cf-empty', '暂无附件'));
    return;
  }
  const order = PURPOSES.map(p => p[0]);
  files = files.slice().sort((a, b) => order.indexOf(a.purpose) - order.indexOf(b.purpose) || a.id - b.id);
  const evidence = files.filter(f => f.purpose === 'EVIDENCE').length;
  list.appendChild(el('p', evidence ? 'cf-note cf-evidence-count' : 'cf-note', evidence
    ? '佐证材料 ' + evidence + ' 份，共 ' + files.length + ' 份附件'
    : '尚无佐证材料，共 ' + files.length + ' 份附件'));
  const photos = files.filter(f => f.image);
  if (photos.length) {
    const gallery = el('div', 'cf-gallery');
    for (const photo of photos) {
      const link = el('a', 'cf-photo cf-photo-' + photo.purpose);
      link.href = attachmentsUrl(number) + '/' + photo.id;
      link.target = '_blank';
      link.rel = 'noopener';
      const img = el('img');
      img.src = attachmentsUrl(number) + '/' + photo.id + '/thumbnail';
      img.alt = photo.fileName;
      img.loading = 'lazy';
      link.appendChild(img);
      link.appendChild(el('span', 'cf-photo-caption', photo.purposeLabel + ' · ' + photo.fileName));
      gallery.appendChild(link);
    }
    list.appendChild(gallery);
  }
  const t = el('table', 'cf-table cf-files');
  const head = el('tr');
  ['用途', '文件', '大小', '上传人', '上传时间'].forEach(h => head.appendChild(el('th', null, h)));
  t.appendChild(el('thead')).appendChild(head);
  const body = el('tbody');
  for (const file of files) {
    const tr = el('tr', 'cf-file-' + file.purpose);
    const purpose = el('td', null);
    purpose.appendChild(el('span', 'cf-purpose cf-purpose-' + file.purpose, file.purposeLabel));
    const name = el('td', 'cf-file-name');
    const link = el('a', null, file.fileName);
    link.href = attachmentsUrl(number) + '/' + file.id;
    link.target = '_blank';
    link.rel = 'noopener';
    name.appendChild(link);
    if (file.locationKept) {
      name.appendChild(el('small', 'cf-location-kept', '（保留拍摄位置）'));
    }
    const cells = [purpose, name, el('td', null, fileSize(file.size)), el('td', null, file.uploadedBy),
      el('td', null, formatTime(file.uploadedAt))];
    ['用途', '文件', '大小', '上传人', '上传时间'].forEach((label, i) => cells[i].setAttribute('data-label', label));
    cells.forEach(c => tr.appendChild(c));
    body.appendChild(tr);
  }
  t.appendChild(body);
  list.appendChild(t);
}

function uploadForm(number, reload) {
  const form = el('form', 'cf-upload');
  form.appendChild(el('h4', 'cf-upload-title', '上传附件'));
  const purposeLabel = el('label', 'cf-upload-field', '用途');
  const purpose = el('select');
  purpose.name = 'purpose';
  for (const [code, label] of PURPOSES) {
    const option = el('option', null, label);
    option.value = code;
    purpose.appendChild(option);
  }
  purposeLabel.appendChild(purpose);
  // The browser's own file button speaks the browser's language; this label speaks Chinese everywhere.
  const fileLabel = el('label', 'cf-upload-field', '文件');
  const input = el('input', 'cf-file-input');
  input.type = 'file';
  input.name = 'file';
  input.accept = ACCEPT;
  const chosen = el('span', 'cf-file-chosen', '未选择文件');
  input.addEventListener('change', () => {
    chosen.textContent = input.files.length ? input.files[0].name : '未选择文件';
  });
  fileLabel.append(input, el('span', 'cf-file-pick', '选择文件…'), chosen);
  const keepLabel = el('label', 'cf-upload-keep');
  const keep = el('input');
  keep.type = 'checkbox';
  keep.name = 'keepLocation';
  keepLabel.appendChild(keep);
  keepLabel.appendChild(document.createTextNode('保留照片的拍摄位置（作为证据）'));
  const button = el('button', 'btn btn-default cf-upload-button', '上传');
  button.type = 'submit';
  const status = el('p', 'cf-upload-status');
  status.setAttribute('role', 'status');
  form.append(purposeLabel, fileLabel, keepLabel, button,
    el('p', 'cf-note', '可上传 JPEG/PNG 照片和 PDF、Word（.docx）、Excel（.xlsx）文件，每次一个。照片的位置和设备信息默认去除。'),
    status);
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (!input.files.length) {
      status.className = 'cf-upload-status cf-warning';
      status.textContent = '请选择要上传的文件';
      return;
    }
    const data = new FormData();
    data.append('file', input.files[0]);
    data.append('purpose', purpose.value);
    data.append('keepLocation', keep.checked ? 'true' : 'false');
    const headers = { Accept: 'application/json' };
    const token = csrfToken();
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
    button.disabled = true;
    status.className = 'cf-upload-status';
    status.textContent = '正在上传……';
    fetch(attachmentsUrl(number), { method: 'POST', credentials: 'same-origin', headers, body: data })
      .then(async response => {
        if (response.status === 201) {
          const saved = await response.json();
          status.textContent = '已上传：' + saved.fileName;
          form.reset();
          chosen.textContent = '未选择文件';
          return reload();
        }
        let detail = '';
        try {
          detail = (await response.json()).detail || '';
        } catch (ignored) {
          // not problem+json
        }
        status.className = 'cf-upload-status cf-warning';
        status.textContent = detail || '上传失败（' + response.status + '）';
        return null;
      })
      .catch(error => {
        status.className = 'cf-upload-status cf-warning';
        status.textContent = '上传失败：' + error.message;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return form;
}

const LEVELS = [['HIGH', '高风险'], ['MEDIUM', '中风险'], ['LOW', '低风险']];

function problemText(problem, status) {
  const fields = (problem && problem.errors || problem && problem.fields || []);
  const named = Array.isArray(fields) ? fields.map(f => f.message || f.detail).filter(Boolean).join('；') : '';
  return (problem && problem.detail) || named || '提交失败（' + status + '）';
}

/**
 * 调整风险等级 (docs/deadlines.md): shown to those the API lets change the level (the item's community
 * staff, its street centre), posting to the same endpoint as any client, with the Tasklist session and
 * its CSRF token. A pending lowering of a HIGH is shown to everyone who reads the item; the leader
 * decides it in its own Tasklist task 审批降级.
 */
function renderRegrade(box, number, reRender) {
  const url = '/api/risk-items/' + encodeURIComponent(number) + '/grade';
  fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(response => response.ok ? response.json() : null)
    .then(state => {
      if (!state) {
        return;
      }
      if (state.pending) {
        const pending = el('p', 'cf-note cf-regrade-pending');
        pending.textContent = '待街道领导审批：' + state.pending.requestedBy + ' 申请降为'
          + (LEVELS.find(l => l[0] === state.pending.level) || [0, state.pending.level])[1] + '，理由：' + state.pending.reason
          + '（' + formatTime(state.pending.requestedAt) + '）';
        box.appendChild(pending);
      }
      // While a lowering waits for the leaders nothing else can change the level (the API answers 409).
      if (state.mayRegrade && !state.pending) {
        box.appendChild(regradeForm(url, state, reRender));
      }
    })
    .catch(() => { /* the tab still shows the case file */ });
}

function regradeForm(url, state, reRender) {
  const form = el('form', 'cf-upload cf-regrade');
  form.appendChild(el('h4', 'cf-upload-title', '调整风险等级'));
  const levelLabel = el('label', 'cf-upload-field', '调整为');
  const select = el('select');
  select.name = 'riskLevel';
  for (const [code, label] of LEVELS.filter(l => l[0] !== state.riskLevel)) {
    const option = el('option', null, label);
    option.value = code;
    select.appendChild(option);
  }
  levelLabel.appendChild(select);
  const reasonLabel = el('label', 'cf-upload-field cf-regrade-reason', '理由');
  const reason = el('textarea');
  reason.name = 'reason';
  reason.rows = 2;
  reason.placeholder = '新的情况、重复反映或会议决定';
  reasonLabel.appendChild(reason);
  const button = el('button', 'btn btn-default cf-upload-button', '提交');
  button.type = 'submit';
  const status = el('p', 'cf-upload-status');
  status.setAttribute('role', 'status');
  const note = state.riskLevel === 'HIGH'
    ? '高风险事项降级须经街道领导审批，审批前仍按高风险办理。'
    : '调高立即生效；升为高风险且尚无应急预案时，将由综治中心补编应急预案。办结期限随等级调整。';
  form.append(levelLabel, reasonLabel, button, el('p', 'cf-note', note), status);
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (!reason.value.trim()) {
      status.className = 'cf-upload-status cf-warning';
      status.textContent = '请填写调整理由';
      return;
    }
    const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    const token = csrfToken();
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
    button.disabled = true;
    status.className = 'cf-upload-status';
    status.textContent = '正在提交……';
    fetch(url, { method: 'POST', credentials: 'same-origin', headers,
      body: JSON.stringify({ riskLevel: select.value, reason: reason.value.trim() }) })
      .then(async response => {
        let body = null;
        try {
          body = await response.json();
        } catch (ignored) {
          // no JSON body
        }
        if (response.status === 200 || response.status === 202) {
          return reRender();
        }
        status.className = 'cf-upload-status cf-warning';
        status.textContent = problemText(body, response.status);
        return null;
      })
      .catch(error => {
        status.className = 'cf-upload-status cf-warning';
        status.textContent = '提交失败：' + error.message;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return form;
}
