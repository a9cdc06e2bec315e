// The grid workers' intake page (/m). A report is a draft in this phone's localStorage (its photos
// in IndexedDB) from the first keystroke until the server has it. The draft gets its Idempotency-Key
// when it is created, and once sent its body is frozen: every retry after a dropped connection sends
// the same body with the same key, so the server registers it once, never twice. Photos go up after
// the item exists (POST /api/risk-items/{number}/attachments); a failed upload keeps them here.

const STATE_NAMES = { draft: '草稿', sending: '发送中', queued: '待发送（离线）', sent: '已上报' };
const RETRY_MS = 15000;

let me = null;         // { userId, userName, ... } from /api/mobile/options
let options = null;
let draft = null;      // { key, createdAt, fields, parties, photoIds, location, state, payload, number }
let token = null;      // the webapp session's CSRF token (X-XSRF-TOKEN)
let retryTimer = null;
let sendingNow = false;

// X-Requested-With: a 401 then comes without a Basic challenge, so the browser shows no password dialog.
const JSON_HEADERS = () => ({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' });
const $ = (selector) => document.querySelector(selector);
const form = () => $('#report');

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

// ---------------------------------------------------------------- storage

function draftStorageKey() {
  return 'casegrid.m.draft.' + me.userId;
}

function uploadsStorageKey() {
  return 'casegrid.m.uploads.' + me.userId;
}

/** A random key that works outside secure contexts too (crypto.randomUUID needs HTTPS). */
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'm-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function newDraft() {
  return { key: newKey(), createdAt: new Date().toISOString(), fields: {}, parties: [], photoIds: [], location: null,
    state: 'draft', payload: null, number: null };
}

function saveDraft() {
  localStorage.setItem(draftStorageKey(), JSON.stringify(draft));
  $('#draft-saved').textContent = '已保存在本机 ' + new Date().toLocaleTimeString('zh-CN', { hour12: false });
}

function loadDraft() {
  try {
    const stored = JSON.parse(localStorage.getItem(draftStorageKey()) || 'null');
    if (stored && stored.key) {
      return stored;
    }
  } catch (e) {
    // A damaged draft is replaced by a new one.
  }
  return newDraft();
}

function pendingUploads() {
  try {
    return JSON.parse(localStorage.getItem(uploadsStorageKey()) || '[]');
  } catch (e) {
    return [];
  }
}

function savePendingUploads(list) {
  localStorage.setItem(uploadsStorageKey(), JSON.stringify(list.filter((entry) => entry.photoIds.length)));
}

let dbPromise = null;

function photoDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const request = indexedDB.open('casegrid-m', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('photos', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return dbPromise;
}

async function photoStore(mode, action) {
  const db = await photoDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction('photos', mode);
    const request = action(tx.objectStore('photos'));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

const putPhoto = (photo) => photoStore('readwrite', (store) => store.put(photo));
const getPhoto = (id) => photoStore('readonly', (store) => store.get(id));
const deletePhoto = (id) => photoStore('readwrite', (store) => store.delete(id));

// ---------------------------------------------------------------- server

async function fetchToken() {
  // Camunda's webapp CSRF filter hands the session's token out on a read of the webapp.
  for (const url of ['/camunda/api/admin/auth/user/default', '/camunda/app/tasklist/default/']) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const value = response.headers.get('X-XSRF-TOKEN');
    if (value) {
      token = value;
      return token;
    }
  }
  return null;
}

async function api(method, url, body, headers) {
  if (method !== 'GET' && !token) {
    await fetchToken();
  }
  const init = { method, credentials: 'same-origin', headers: Object.assign(JSON_HEADERS(), headers || {}) };
  if (method !== 'GET') {
    init.headers['X-XSRF-TOKEN'] = token || '';
  }
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response = await fetch(url, init);
  if (response.status === 403 && method !== 'GET') {
    // The token changes with the session (e.g. a new login): fetch it again, once.
    const problem = await response.clone().json().catch(() => ({}));
    if (String(problem.detail || '').includes('CSRF')) {
      await fetchToken();
      init.headers['X-XSRF-TOKEN'] = token || '';
      response = await fetch(url, init);
    }
  }
  return response;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return { detail: '服务器返回 ' + response.status };
  }
}

// ---------------------------------------------------------------- sign-in

async function signedIn() {
  const response = await fetch('/api/mobile/options', { credentials: 'same-origin', headers: JSON_HEADERS() });
  if (response.status === 401) {
    return false;
  }
  if (!response.ok) {
    throw new Error('无法读取上报选项（' + response.status + '）');
  }
  options = await response.json();
  return true;
}

async function login(event) {
  event.preventDefault();
  const error = $('#login-error');
  error.hidden = true;
  const username = $('#username').value.trim();
  const password = $('#password').value;
  if (!username || !password) {
    error.textContent = '请输入用户名和密码';
    error.hidden = false;
    return;
  }
  await fetchToken();
  const response = await fetch('/camunda/api/admin/auth/user/default/login/tasklist', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': token || '' },
    body: new URLSearchParams({ username, password })
  });
  if (!response.ok) {
    error.textContent = response.status === 429 ? '尝试次数过多，请稍后再试' : '用户名或密码错误';
    error.hidden = false;
    return;
  }
  token = null;
  await fetchToken();
  $('#password').value = '';
  await start();
}

async function logout() {
  await fetchToken();
  await fetch('/camunda/api/admin/auth/user/default/logout', {
    method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': token || '' }
  });
  location.reload();
}

// ---------------------------------------------------------------- the form

function fillSelect(select, items, placeholder) {
  select.replaceChildren();
  if (placeholder) {
    select.appendChild(new Option(placeholder, ''));
  }
  for (const item of items) {
    select.appendChild(new Option(item.name, item.code));
  }
}

function fillGrids() {
  const community = options.communities.find((c) => c.code === form().community.value);
  fillSelect(form().grid, community ? community.grids : [], '请选择网格');
}

function fillSubcategories() {
  const category = options.categories.find((c) => c.code === form().category.value);
  const list = $('#subcategories');
  list.replaceChildren();
  for (const name of category ? category.subcategories : []) {
    list.appendChild(new Option(name));
  }
}

const FIELDS = ['title', 'category', 'subcategory', 'description', 'community', 'grid', 'address', 'source',
  'occurredAt', 'peopleInvolved'];
const FIELD_DEFAULTS = { peopleInvolved: '1' };
const FLAGS = ['threatOfViolence', 'involvesMinors', 'crossJurisdiction'];

function readForm() {
  const f = form();
  for (const name of FIELDS) {
    draft.fields[name] = f[name].value;
  }
  for (const name of FLAGS) {
    draft.fields[name] = f[name].checked;
  }
  draft.parties = Array.from(document.querySelectorAll('#parties .m-party')).map((row) => ({
    name: row.querySelector('[data-party=name]').value,
    phone: row.querySelector('[data-party=phone]').value,
    role: row.querySelector('[data-party=role]').value
  }));
}

function writeForm() {
  const f = form();
  f.community.value = draft.fields.community || options.defaultCommunity || '';
  fillGrids();
  f.category.value = draft.fields.category || '';
  fillSubcategories();
  for (const name of FIELDS) {
    if (name !== 'community' && name !== 'category') {
      f[name].value = draft.fields[name] !== undefined ? draft.fields[name] : (FIELD_DEFAULTS[name] || '');
    }
  }
  if (!draft.fields.source) {
    f.source.value = options.defaultSource;
  }
  for (const name of FLAGS) {
    f[name].checked = !!draft.fields[name];
  }
  $('#parties').replaceChildren();
  draft.parties.forEach((party) => addParty(party));
  showLocation();
  showPhotos();
}

function addParty(party) {
  const index = document.querySelectorAll('#parties .m-party').length;
  const row = el('div', 'm-party');
  const grid = el('div', 'm-row');
  for (const [key, label, type, placeholder] of [['name', '姓名', 'text', '必填'], ['phone', '电话', 'tel', '手机或固话'],
    ['role', '角色', 'text', '如：当事人']]) {
    const field = el('label', null, label);
    const input = el('input');
    input.type = type;
    input.dataset.party = key;
    input.name = 'parties[' + index + '].' + key;
    input.placeholder = placeholder;
    input.value = (party && party[key]) || '';
    field.appendChild(input);
    grid.appendChild(field);
  }
  row.appendChild(grid);
  const remove = el('button', 'm-link m-remove', '删除');
  remove.type = 'button';
  remove.addEventListener('click', () => {
    row.remove();
    renumberParties();
    changed();
  });
  row.appendChild(remove);
  $('#parties').appendChild(row);
}

function renumberParties() {
  document.querySelectorAll('#parties .m-party').forEach((row, i) => {
    row.querySelectorAll('input').forEach((input) => {
      input.name = 'parties[' + i + '].' + input.dataset.party;
    });
  });
}

function showLocation() {
  const text = $('#location-text');
  if (draft.location) {
    const { latitude, longitude, accuracy } = draft.location;
    text.textContent = '已定位：北纬 ' + latitude.toFixed(6) + '°，东经 ' + longitude.toFixed(6) + '°'
      + (accuracy ? '（精度约 ' + Math.round(accuracy) + ' 米）' : '');
    $('#location-clear').hidden = false;
  } else {
    text.textContent = '未定位（可选）';
    $('#location-clear').hidden = true;
  }
}

function locate() {
  const text = $('#location-text');
  if (!navigator.geolocation) {
    text.textContent = '此浏览器不支持定位';
    return;
  }
  text.textContent = '正在定位…';
  navigator.geolocation.getCurrentPosition((position) => {
    draft.location = { latitude: position.coords.latitude, longitude: position.coords.longitude,
      accuracy: position.coords.accuracy };
    saveDraft();
    showLocation();
  }, (error) => {
    text.textContent = error.code === 1 ? '未获得定位权限：请在浏览器设置中允许定位' : '定位失败，请稍后重试';
  }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
}

/** A small data: preview (the page's CSP allows data: images, not blob: ones). */
async function thumbnail(blob) {
  try {
    const bitmap = await createImageBitmap(blob);
    const scale = Math.min(1, 192 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.7);
  } catch (e) {
    return null;
  }
}

async function addPhotos(files) {
  for (const file of files) {
    const id = draft.key + '-' + newKey();
    await putPhoto({ id, name: file.name || 'photo.jpg', type: file.type, blob: file, thumb: await thumbnail(file) });
    draft.photoIds.push(id);
  }
  saveDraft();
  showPhotos();
}

async function showPhotos() {
  const list = $('#photo-list');
  list.replaceChildren();
  for (const id of draft.photoIds) {
    const photo = await getPhoto(id);
    if (!photo) {
      continue;
    }
    const box = el('div', 'm-photo');
    if (photo.thumb) {
      const img = el('img');
      img.src = photo.thumb;
      img.alt = photo.name;
      box.appendChild(img);
    } else {
      box.appendChild(el('div', 'm-noimg', photo.name));
    }
    if (draft.state === 'draft') {
      const remove = el('button', null, '×');
      remove.type = 'button';
      remove.setAttribute('aria-label', '删除照片');
      remove.addEventListener('click', async () => {
        draft.photoIds = draft.photoIds.filter((p) => p !== id);
        await deletePhoto(id);
        saveDraft();
        showPhotos();
      });
      box.appendChild(remove);
    }
    list.appendChild(box);
  }
}

function changed() {
  if (draft.state !== 'draft') {
    return;
  }
  readForm();
  saveDraft();
}

function showState() {
  const state = $('#draft-state');
  state.textContent = STATE_NAMES[draft.state] + (draft.number ? ' ' + draft.number : '');
  state.className = 'm-state m-state-' + draft.state;
  const locked = draft.state !== 'draft';
  // A sent body is frozen: the retry must be the same request as the first attempt.
  form().querySelectorAll('input, select, textarea, button').forEach((control) => {
    control.disabled = locked;
  });
  $('#submit').textContent = draft.state === 'queued' ? '联网后自动发送' : draft.state === 'sending' ? '发送中…' : '上报';
}

function notice(text, link) {
  const box = $('#notice');
  box.replaceChildren(el('span', null, text));
  if (link) {
    box.appendChild(document.createTextNode(' '));
    const a = el('a', null, link.text);
    a.href = link.href;
    box.appendChild(a);
  }
  box.hidden = false;
}

function clearFieldErrors() {
  $('#form-error').hidden = true;
  document.querySelectorAll('.m-field-error').forEach((node) => node.remove());
  document.querySelectorAll('.m-invalid').forEach((node) => node.classList.remove('m-invalid'));
}

const FIELD_NAMES = { latitude: '定位', longitude: '定位' };

function showFieldErrors(problem) {
  clearFieldErrors();
  const general = [];
  for (const error of problem.errors || []) {
    const control = form().querySelector('[name="' + CSS.escape(error.field) + '"]');
    if (control) {
      control.classList.add('m-invalid');
      control.insertAdjacentElement('afterend', el('span', 'm-field-error', error.message));
    } else {
      general.push((FIELD_NAMES[error.field] || error.field) + '：' + error.message);
    }
  }
  if (general.length || !(problem.errors || []).length) {
    $('#form-error').textContent = general.length ? general.join('；') : (problem.detail || problem.title || '上报失败');
    $('#form-error').hidden = false;
  }
  const first = form().querySelector('.m-invalid') || $('#form-error');
  first.scrollIntoView({ block: 'center' });
}

/** "2026-11-29 09:30" or "2026-11-29" in the phone's time zone, or null. */
function occurredAt(text) {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const [, y, m, d, hh, mm] = match.map((part) => (part === undefined ? undefined : Number(part)));
  const date = new Date(y, m - 1, d, hh || 0, mm || 0);
  return date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

function payloadOf() {
  const f = draft.fields;
  const body = {
    title: f.title.trim(), description: f.description.trim(), category: f.category, source: f.source,
    community: f.community, grid: f.grid, address: f.address.trim(),
    peopleInvolved: f.peopleInvolved === '' ? null : Number(f.peopleInvolved),
    parties: draft.parties.filter((p) => p.name.trim() || p.phone.trim())
      .map((p) => ({ name: p.name.trim(), phone: p.phone.trim() || null, role: p.role.trim() || null })),
    threatOfViolence: !!f.threatOfViolence, involvesMinors: !!f.involvesMinors, crossJurisdiction: !!f.crossJurisdiction
  };
  if (f.subcategory && f.subcategory.trim()) {
    body.subcategory = f.subcategory.trim();
  }
  if (f.occurredAt && f.occurredAt.trim()) {
    body.occurredAt = occurredAt(f.occurredAt).toISOString();
  }
  if (draft.location) {
    body.latitude = draft.location.latitude;
    body.longitude = draft.location.longitude;
  }
  return body;
}

function submit(event) {
  event.preventDefault();
  if (draft.state !== 'draft') {
    return;
  }
  readForm();
  clearFieldErrors();
  const errors = Array.from(form().querySelectorAll('[required]')).filter((control) => !control.value.trim())
    .map((control) => ({ field: control.name, message: '必填' }));
  if (draft.fields.occurredAt && !occurredAt(draft.fields.occurredAt)) {
    errors.push({ field: 'occurredAt', message: '请按“年-月-日 时:分”填写，如 2026-11-29 09:30' });
  }
  if (errors.length) {
    showFieldErrors({ errors });
    return;
  }
  draft.payload = payloadOf();
  draft.state = 'sending';
  saveDraft();
  showState();
  send();
}

/** Sends the frozen body with the draft's key; safe to call again and again until the server answers. */
async function send() {
  if (sendingNow || !draft.payload || draft.state === 'sent' || draft.state === 'draft') {
    return;
  }
  sendingNow = true;
  clearTimeout(retryTimer);
  draft.state = 'sending';
  showState();
  let response;
  try {
    response = await api('POST', '/api/risk-items', draft.payload, { 'Idempotency-Key': draft.key });
  } catch (e) {
    response = null;
  } finally {
    sendingNow = false;
  }
  if (!response || response.status >= 500 || response.status === 429) {
    draft.state = 'queued';
    saveDraft();
    showState();
    notice(navigator.onLine ? '暂时无法连接服务器：草稿已保存在本机，将自动重试发送。'
      : '网络已断开：草稿已保存在本机，联网后自动发送（不会重复上报）。');
    retryTimer = setTimeout(send, RETRY_MS);
    return;
  }
  if (response.status === 401) {
    draft.state = 'queued';
    saveDraft();
    showState();
    notice('登录已过期：草稿已保存，请重新登录后自动发送。');
    showLogin();
    return;
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    draft.state = 'draft';
    draft.payload = null;
    saveDraft();
    showState();
    showFieldErrors(problem);
    return;
  }
  const answer = await response.json();
  await reported(answer.number);
}

async function reported(number) {
  const photoIds = draft.photoIds.slice();
  if (photoIds.length) {
    const list = pendingUploads();
    list.push({ number, photoIds });
    savePendingUploads(list);
  }
  draft.state = 'sent';
  draft.number = number;
  saveDraft();
  notice('已上报，事项编号 ' + number + '。', { text: '查看案卷', href: '/items/' + encodeURIComponent(number) });
  // The next report starts from a fresh draft with a fresh key; the sent one is done.
  const sent = draft;
  draft = newDraft();
  draft.fields = { community: sent.fields.community, grid: sent.fields.grid, source: sent.fields.source };
  saveDraft();
  writeForm();
  showState();
  $('#draft-state').textContent = STATE_NAMES.sent + ' ' + number;
  $('#draft-state').className = 'm-state m-state-sent';
  await uploadPending();
  loadMine();
}

let uploading = false;
let uploadAgain = false;

/** Uploads the photos of reported items; what fails stays in IndexedDB and is tried again later. */
async function uploadPending() {
  if (uploading) {
    uploadAgain = true;
    return;
  }
  uploading = true;
  try {
    const list = pendingUploads();
    for (const entry of list) {
      for (const id of entry.photoIds.slice()) {
        const photo = await getPhoto(id);
        if (!photo) {
          entry.photoIds = entry.photoIds.filter((p) => p !== id);
          continue;
        }
        const body = new FormData();
        body.append('file', photo.blob, photo.name);
        body.append('purpose', 'INTAKE');
        let response = null;
        try {
          response = await api('POST', '/api/risk-items/' + encodeURIComponent(entry.number) + '/attachments', body);
        } catch (e) {
          response = null;
        }
        if (response && response.ok) {
          entry.photoIds = entry.photoIds.filter((p) => p !== id);
          await deletePhoto(id);
        } else if (response && [400, 413, 415].includes(response.status)) {
          // The server refuses this file for good (type, size): keep it, but say why.
          const problem = await problemOf(response);
          entry.refused = (entry.refused || []).concat([(photo.name || '照片') + '：' + (problem.detail || problem.title)]);
        }
      }
    }
    savePendingUploads(list);
    showUploads();
  } finally {
    uploading = false;
    if (uploadAgain) {
      uploadAgain = false;
      setTimeout(uploadPending, 0);
    }
    document.body.dataset.uploadRuns = String(Number(document.body.dataset.uploadRuns || 0) + 1);
  }
}

function showUploads() {
  const list = pendingUploads();
  const count = list.reduce((n, entry) => n + entry.photoIds.length, 0);
  const box = $('#uploads');
  box.hidden = count === 0;
  box.dataset.pending = String(count);
  if (count) {
    const refused = list.flatMap((entry) => entry.refused || []);
    $('#uploads-text').textContent = '事项已上报，但有 ' + count + ' 张照片尚未上传（' + list.map((e) => e.number).join('、')
      + '）。照片已保留在本机，联网后会自动重试。' + (refused.length ? ' ' + refused.join('；') : '');
  }
}

// ---------------------------------------------------------------- my reports

function formatDate(value) {
  if (!value) {
    return '—';
  }
  const d = new Date(value);
  const pad = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
    + pad(d.getMinutes());
}

async function loadMine() {
  let reports;
  try {
    const response = await fetch('/api/mobile/reports', { credentials: 'same-origin', headers: JSON_HEADERS() });
    if (!response.ok) {
      return;
    }
    reports = await response.json();
  } catch (e) {
    return;
  }
  const list = $('#mine-list');
  list.replaceChildren();
  $('#mine-empty').hidden = reports.length > 0;
  for (const report of reports) {
    const item = el('li');
    const link = el('a', 'm-item', report.number + ' ' + report.title);
    link.href = report.link;
    item.appendChild(link);
    const meta = el('div', 'm-meta');
    meta.appendChild(el('span', 'm-tag m-status', report.statusName));
    meta.appendChild(el('span', 'm-tag m-level-' + (report.riskLevel || 'NONE'),
      report.riskLevelName ? report.riskLevelName + '风险' : '未定级'));
    if (report.overdue) {
      meta.appendChild(el('span', 'm-tag m-overdue', '已超期'));
    }
    meta.appendChild(el('span', null, report.nextDeadline
      ? '下一期限：' + report.nextDeadlineName + ' ' + formatDate(report.nextDeadline) : '无待办期限'));
    meta.appendChild(el('span', 'm-hint', '上报于 ' + formatDate(report.reportedAt)));
    item.appendChild(meta);
    list.appendChild(item);
  }
}

// ---------------------------------------------------------------- start

function showLogin() {
  $('#login').hidden = false;
  $('#app').hidden = true;
  $('#logout').hidden = true;
  $('#who').textContent = '';
}

function showTab(name) {
  document.querySelectorAll('.m-tabs button').forEach((button) => {
    const active = button.dataset.tab === name;
    button.classList.toggle('active', active);
    button.setAttribute('aria-selected', String(active));
  });
  $('#tab-report').hidden = name !== 'report';
  $('#tab-mine').hidden = name !== 'mine';
  if (name === 'mine') {
    loadMine();
  }
}

function online() {
  $('#offline').hidden = navigator.onLine;
  if (navigator.onLine && draft) {
    send();
    uploadPending();
  }
}

async function start() {
  let ok;
  try {
    ok = await signedIn();
  } catch (e) {
    ok = false;
  }
  if (!ok) {
    showLogin();
    return;
  }
  me = { userId: options.userId, userName: options.userName };
  $('#login').hidden = true;
  $('#app').hidden = false;
  $('#logout').hidden = false;
  $('#who').textContent = options.userName;
  fillSelect(form().category, options.categories, '请选择类别');
  fillSelect(form().community, options.communities, '请选择社区');
  fillSelect(form().source, options.sources, null);
  draft = loadDraft();
  if (draft.state === 'sent') {
    draft = newDraft();
  }
  saveDraft();
  writeForm();
  showState();
  showUploads();
  if (draft.state === 'sending' || draft.state === 'queued') {
    notice('有一份已提交但未确认的上报，正在重新发送（不会重复上报）。');
    send();
  }
  uploadPending();
}

function wire() {
  $('#login-form').addEventListener('submit', login);
  $('#logout').addEventListener('click', logout);
  form().addEventListener('input', changed);
  form().addEventListener('change', (event) => {
    if (event.target.name === 'community') {
      fillGrids();
    }
    if (event.target.name === 'category') {
      fillSubcategories();
    }
    if (event.target.id !== 'photos') {
      changed();
    }
  });
  form().addEventListener('submit', submit);
  $('#party-add').addEventListener('click', () => {
    addParty();
    changed();
  });
  $('#locate').addEventListener('click', locate);
  $('#location-clear').addEventListener('click', () => {
    draft.location = null;
    saveDraft();
    showLocation();
  });
  $('#photos').addEventListener('change', async (event) => {
    const files = Array.from(event.target.files || []);
    event.target.value = '';
    await addPhotos(files);
  });
  $('#discard').addEventListener('click', async () => {
    if (!confirm('清空这份草稿（含照片）？')) {
      return;
    }
    for (const id of draft.photoIds) {
      await deletePhoto(id);
    }
    draft = newDraft();
    saveDraft();
    writeForm();
    showState();
    clearFieldErrors();
  });
  $('#uploads-retry').addEventListener('click', uploadPending);
  document.querySelectorAll('.m-tabs button').forEach((button) => {
    button.addEventListener('click', () => showTab(button.dataset.tab));
  });
  $('#mine-refresh').addEventListener('click', loadMine);
  window.addEventListener('online', online);
  window.addEventListener('offline', online);
  $('#offline').hidden = navigator.onLine;
}

wire();
start();
