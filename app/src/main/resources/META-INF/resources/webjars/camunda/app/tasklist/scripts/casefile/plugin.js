// Tasklist plugin: the tab 卷宗 beside every task, the item's case file read from casegrid's own
// API with the Tasklist session. Nothing is copied into process variables: the tab reads, and writes
// only through the app's API (attachments, 调整风险等级), with the session's CSRF token.
// Loaded by Tasklist as an ES module listed in scripts/config.js (customScripts).

const STYLESHEET = '/items/assets/case-file.css';

function ensureStylesheet() {
  if (!document.querySelector('link[href="' + STYLESHEET + '"]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    document.head.appendChild(link);
  }
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : null;
}

/** The item number is the business key of the task's process; a called process carries it as `number`. */
async function itemNumber(engineApi, taskId) {
  const task = await getJson(engineApi + '/task/' + encodeURIComponent(taskId));
  if (task && task.processInstanceId) {
    const instance = await getJson(engineApi + '/process-instance/' + encodeURIComponent(task.processInstanceId));
    if (instance && instance.businessKey) {
      return instance.businessKey;
    }
  }
  const variable = await getJson(engineApi + '/task/' + encodeURIComponent(taskId) + '/variables/number');
  return variable && variable.value ? String(variable.value) : null;
}

function message(node, text) {
  node.textContent = '';
  const p = document.createElement('p');
  p.className = 'cf-empty';
  p.textContent = text;
  node.appendChild(p);
}

export default {
  id: 'casegrid-case-file',
  pluginPoint: 'tasklist.task.detail',
  // Above Tasklist's own tabs (表单 1000, 历史 800, 流程图 600, 描述 100): the case file comes first.
  priority: 1100,
  properties: { label: '卷宗' },
  render(node, { api, taskId }) {
    ensureStylesheet();
    const box = document.createElement('div');
    box.className = 'casegrid-case-file';
    node.appendChild(box);
    message(box, '正在读取卷宗……');
    Promise.all([import('/items/assets/case-file.js'), itemNumber(api.engineApi, taskId)])
      .then(([caseFile, number]) => {
        if (!number) {
          message(box, '此任务不属于任何事项，没有卷宗。');
          return null;
        }
        return caseFile.loadItem(number).then(item => caseFile.renderCaseFile(box, item, { pageLink: true, upload: true, regrade: true }));
      })
      .catch(error => message(box, '卷宗读取失败：' + error.message));
  }
};
