// The case page /items/{number}: the case file, then the process diagram with where the item is
// (active) and where it has been (passed), drawn by the vendored bpmn-js NavigatedViewer.
import { loadItem, renderCaseFile } from '/items/assets/case-file.js';

const number = decodeURIComponent(window.location.pathname.replace(/\/+$/, '').split('/').pop());
const message = document.getElementById('message');

function fail(text) {
  message.textContent = text;
  message.hidden = false;
}

async function drawDiagram() {
  const response = await fetch('/api/risk-items/' + encodeURIComponent(number) + '/diagram', {
    credentials: 'same-origin', headers: { Accept: 'application/json' }
  });
  if (!response.ok) {
    throw new Error('流程图读取失败（' + response.status + '）');
  }
  const diagram = await response.json();
  if (!diagram.xml) {
    return;
  }
  const section = document.getElementById('diagram-section');
  section.hidden = false;
  const viewer = new window.BpmnJS({ container: document.getElementById('diagram') });
  // Task names in the model end with the expression that Tasklist fills in (· ${number} ${title});
  // this page is about one item, so the diagram shows the plain step names.
  await viewer.importXML(diagram.xml.replace(/\s*·\s*\$\{number\}\s*\$\{title\}/g, ''));
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const mark = (ids, marker) => ids.filter(id => registry.get(id)).forEach(id => canvas.addMarker(id, marker));
  mark(diagram.passedActivityIds || [], 'cg-passed');
  mark(diagram.activeActivityIds || [], 'cg-active');
  const active = (diagram.activeActivityIds || []).map(id => registry.get(id)).filter(Boolean);
  // The whole model when it is legible; otherwise readable size around where the item stands
  // (drag to pan, wheel or pinch to zoom).
  const place = () => {
    canvas.resized();
    canvas.zoom('fit-viewport', 'auto');
    if (canvas.zoom() < 0.55 && active.length) {
      canvas.zoom(0.85);
      canvas.scrollToElement(active[0]);
    }
  };
  place();
  let pending;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(place, 150);
  });
  window.addEventListener('beforeprint', () => {
    canvas.resized();
    canvas.zoom('fit-viewport', 'auto');
  });
  window.addEventListener('afterprint', place);
}

document.getElementById('print').addEventListener('click', () => window.print());

loadItem(number)
  .then(item => {
    document.title = '案卷 ' + item.number + ' · ' + (item.title || '');
    renderCaseFile(document.getElementById('case-file'), item);
    return drawDiagram();
  })
  .catch(error => fail(error.message));
