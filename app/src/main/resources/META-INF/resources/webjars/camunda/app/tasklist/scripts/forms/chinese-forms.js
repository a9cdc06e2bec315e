// Tasklist custom script: Camunda Forms in Chinese, dates as yyyy-MM-dd, and a refused completion's
// messages next to its fields. Loaded by Tasklist as an ES module listed in scripts/config.js
// (customScripts); it contributes no plugin (default export []), only these three adjustments to the
// form-js viewer that Tasklist 7.24 bundles (lib/deps.js), which has no locale of its own:
//
// 1. Dates. form-js's date picker takes its format from `new Intl.DateTimeFormat('default')`, the
//    browser's locale: mm/dd/yyyy in an English browser, yyyy/m/d in a Chinese one. That one call (the
//    literal locale 'default', no options) gets the ISO order instead (the 'sv-SE' locale formats
//    dates as 2020-06-05); every other use of Intl is untouched.
// 2. English left in form-js ("Select", "Search", "Add new", its validation messages, the titles and
//    aria-labels of its buttons such as "Remove tag"): replaced as it is rendered. A date-time shown in a
//    read-only field (办结期限, 报到时限: Date variables, which Tasklist hands the form as
//    "2026-12-08T17:30:00") is shown as "2026-12-08 17:30", a whole day as "2026-12-08"; the form's data
//    keeps the date (a read-only field is not submitted anyway).
// 3. A completion the server refuses (400: problem+json with `errors: [{field, message}]` from the
//    engine REST, or Camunda's {type: 'InvalidRequestException', message: 'field：message；…'} from
//    Tasklist's own engine API) names the variables; the form's schema (as Tasklist loads it) gives each variable's label, and the message
//    is shown under the field with that label, in Chinese as the server wrote it. Tasklist's own red notice
//    repeats the message; there each `variable：` becomes `label：` (a variable the form does not label
//    loses the prefix), so no screen shows a variable name.

const NativeDateTimeFormat = Intl.DateTimeFormat;
const ISO_DATE_LOCALE = 'sv-SE';

function isoWhenDefault(args) {
  return args.length >= 1 && args[0] === 'default' && args[1] === undefined ? [ISO_DATE_LOCALE] : args;
}

if (!NativeDateTimeFormat.casegridIsoDates) {
  const patched = new Proxy(NativeDateTimeFormat, {
    construct(target, args) {
      return Reflect.construct(target, isoWhenDefault(args));
    },
    apply(target, self, args) {
      return Reflect.apply(target, self, isoWhenDefault(args));
    },
    get(target, property, receiver) {
      return property === 'casegridIsoDates' ? true : Reflect.get(target, property, receiver);
    }
  });
  Intl.DateTimeFormat = patched;
}

const TEXTS = new Map([
  ['Select', '请选择'],
  ['Search', '搜索'],
  ['Field is required.', '此项为必填项。'],
  ['Field must be a valid email.', '请输入有效的电子邮箱。'],
  ['Value is not a number.', '请输入数字。'],
  ['Invalid date', '日期无效'],
  ['No options', '无可选项'],
  ['Remove', '删除'],
  ['Add new', '添加一项'],
  ['Expand all', '全部展开'],
  ['Collapse', '收起'],
  ['Remove tag', '删除'],
  ['Increment', '增加'],
  ['Decrement', '减少'],
  ['Previous page', '上一页'],
  ['Next page', '下一页'],
  ['Hour', '时'],
  ['Minute', '分'],
  ['Powered by bpmn.io', '基于 bpmn.io 表单引擎']
]);
const PATTERNS = [
  [/^Field must have minimum length of (\d+)\.$/, '至少填写 $1 个字符。'],
  [/^Field must have maximum length of (\d+)\.$/, '最多填写 $1 个字符。'],
  [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
  [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
  [/^Field must match pattern (.+)\.$/, '格式不正确（应符合 $1）。'],
  [/^Remove list item (\d+)$/, '删除第 $1 项']
];

function chinese(text) {
  const trimmed = text.trim();
  if (TEXTS.has(trimmed)) {
    return TEXTS.get(trimmed);
  }
  for (const [pattern, replacement] of PATTERNS) {
    if (pattern.test(trimmed)) {
      return trimmed.replace(pattern, replacement);
    }
  }
  return null;
}

function translate(root) {
  if (!(root instanceof Element)) {
    return;
  }
  const scopes = root.closest('.fjs-container') ? [root] : Array.from(root.querySelectorAll('.fjs-container'));
  for (const scope of scopes) {
    const texts = scope.querySelectorAll('.fjs-select-display, .fjs-form-field-error li, .fjs-dropdownlist-empty');
    for (const node of [scope, ...texts]) {
      if (node.children.length === 0) {
        // The text node itself changes, never the element's textContent: form-js (Preact) keeps that node
        // and writes the chosen option into it later; a replaced node would leave "请选择" beside the choice.
        for (const text of node.childNodes) {
          const replacement = text.nodeType === Node.TEXT_NODE && text.data ? chinese(text.data) : null;
          if (replacement && text.data !== replacement) {
            text.data = replacement;
          }
        }
      }
    }
    // A dynamic list's buttons hold an icon beside their text: only their own text nodes change.
    for (const button of scope.querySelectorAll('.fjs-repeat-render-add, .fjs-repeat-render-collapse')) {
      for (const text of button.childNodes) {
        const replacement = text.nodeType === Node.TEXT_NODE && text.data.trim() ? chinese(text.data) : null;
        if (replacement && text.data.trim() !== replacement) {
          text.data = ' ' + replacement;
        }
      }
    }
    for (const node of scope.querySelectorAll('[title], [aria-label]')) {
      for (const attribute of ['title', 'aria-label']) {
        const replacement = node.hasAttribute(attribute) ? chinese(node.getAttribute(attribute)) : null;
        if (replacement) {
          node.setAttribute(attribute, replacement);
        }
      }
    }
    for (const input of scope.querySelectorAll('.fjs-form-field-textfield input[disabled], .fjs-form-field-textfield input[readonly]')) {
      showDatesAsDates(input);
    }
    for (const input of scope.querySelectorAll('input[placeholder]')) {
      const replacement = chinese(input.getAttribute('placeholder'));
      if (replacement) {
        input.setAttribute('placeholder', replacement);
      }
    }
  }
}

// ---- a date-time in a read-only field as the office reads it

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const two = (n) => String(n).padStart(2, '0');

/** "2026-12-08T17:30:00" (or with an offset: then in the browser's zone) as "2026-12-08 17:30"; midnight as the day alone. */
function shownDate(value) {
  const match = ISO_DATE_TIME.exec(value || '');
  if (!match) {
    return value;
  }
  let [day, hour, minute] = [match[1], match[2], match[3]];
  if (match[6]) {
    const at = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!isNaN(at)) {
      day = at.getFullYear() + '-' + two(at.getMonth() + 1) + '-' + two(at.getDate());
      [hour, minute] = [two(at.getHours()), two(at.getMinutes())];
    }
  }
  return hour === '00' && minute === '00' ? day : day + ' ' + hour + ':' + minute;
}

/**
 * form-js (Preact) writes the field's value into the input's value property on every render, comparing it
 * with what the input holds: the input's own value property shows each value it is given as a date.
 */
function showDatesAsDates(input) {
  if (input.casegridDates) {
    return;
  }
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return native.get.call(this);
    },
    set(value) {
      native.set.call(this, shownDate(value));
    }
  });
  input.casegridDates = true;
  input.value = native.get.call(input);
}

// ---- the server's refusal next to its fields

const labelsByKey = new Map();

function rememberSchema(schema) {
  const walk = (components) => {
    for (const component of components || []) {
      const label = component.label || component.dateLabel || component.timeLabel;
      if (component.key && label) {
        labelsByKey.set(component.key, label);
      }
      walk(component.components);
    }
  };
  walk(schema && schema.components);
}

function fieldWithLabel(label) {
  for (const node of document.querySelectorAll('.fjs-container .fjs-form-field-label')) {
    if (node.textContent.replace(/\*\s*$/, '').trim() === label) {
      return node.closest('.fjs-form-field');
    }
  }
  return null;
}

/**
 * The fields of a refusal: problem+json's `errors` (engine REST), or, from Tasklist's own engine API
 * (Camunda's error format), the InvalidRequestException's message "field：message；field：message".
 */
function refusedFields(problem) {
  if (Array.isArray(problem.errors)) {
    return problem.errors;
  }
  if (problem.type !== 'InvalidRequestException' || typeof problem.message !== 'string') {
    return [];
  }
  return problem.message.split('；').map((part) => {
    const at = part.indexOf('：');
    return at > 0 ? { field: part.slice(0, at).trim(), message: part.slice(at + 1).trim() } : null;
  }).filter((error) => error && /^[A-Za-z][\w.\[\]]*$/.test(error.field));
}

function showRefusal(problem) {
  problem = Object.assign({}, problem, { errors: refusedFields(problem) });
  if (!problem.errors.length) {
    return;
  }
  document.querySelectorAll('.cg-server-error').forEach((node) => node.remove());
  const unplaced = [];
  for (const error of problem.errors || []) {
    const field = fieldWithLabel(labelsByKey.get(error.field) || error.field);
    if (field) {
      const box = document.createElement('div');
      box.className = 'fjs-form-field-error cg-server-error';
      box.setAttribute('role', 'alert');
      box.textContent = error.message;
      field.appendChild(box);
      field.classList.add('fjs-has-errors');
    } else {
      unplaced.push((labelsByKey.get(error.field) || error.field) + '：' + error.message);
    }
  }
  const form = document.querySelector('.fjs-container');
  if (form && unplaced.length) {
    const box = document.createElement('div');
    box.className = 'fjs-form-field-error cg-server-error cg-server-error-form';
    box.setAttribute('role', 'alert');
    box.textContent = unplaced.join('；');
    form.insertBefore(box, form.firstChild);
  }
  const first = document.querySelector('.cg-server-error');
  if (first) {
    first.scrollIntoView({ block: 'center' });
  }
}

// A variable name before a full-width colon, as InvalidRequestException's message writes it ("noEvidenceReason：…").
const NAMED_VARIABLE = /(^|[^\w.\[\]])([A-Za-z][\w.\[\]]*)：/g;

/** Tasklist's notice of a refusal (.page-notifications) in the form's labels. */
function labelNotices(root) {
  const notices = root.closest('.page-notifications') ? [root] : Array.from(root.querySelectorAll('.page-notifications'));
  for (const notice of notices) {
    const walker = document.createTreeWalker(notice, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const labelled = text.data.replace(NAMED_VARIABLE, (all, before, key) =>
        before + (labelsByKey.has(key) ? labelsByKey.get(key) + '：' : ''));
      if (labelled !== text.data) {
        text.data = labelled;
      }
    }
  }
}

const FORM_SCHEMA = /\/(task\/[^/]+\/deployed-form|process-definition\/[^/]+\/deployed-start-form)(\?|$)/;
const COMPLETION = /\/(task\/[^/]+\/(submit-form|complete)|process-definition\/[^/]+\/submit-form)(\?|$)/;

if (!XMLHttpRequest.prototype.casegridWatched) {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const target = String(url);
    if (FORM_SCHEMA.test(target) || (String(method).toUpperCase() === 'POST' && COMPLETION.test(target))) {
      this.addEventListener('load', () => {
        try {
          if (FORM_SCHEMA.test(target) && this.status === 200) {
            rememberSchema(JSON.parse(this.responseText));
          } else if (this.status === 400) {
            showRefusal(JSON.parse(this.responseText));
          } else if (this.status < 300) {
            document.querySelectorAll('.cg-server-error').forEach((node) => node.remove());
          }
        } catch (e) {
          // Not JSON: Tasklist's own notification says what went wrong.
        }
      });
    }
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.casegridWatched = true;
}

// Tasklist loads the form's schema with fetch, its completions with XMLHttpRequest.
if (!window.fetch.casegridWatched) {
  const nativeFetch = window.fetch;
  const watched = function (input, init) {
    const result = nativeFetch.call(this, input, init);
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (FORM_SCHEMA.test(url)) {
      result.then((response) => response.ok && response.clone().json().then(rememberSchema)).catch(() => {});
    }
    return result;
  };
  watched.casegridWatched = true;
  window.fetch = watched;
}

new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    const target = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
    if (target) {
      translate(target);
      labelNotices(target);
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

export default [];
