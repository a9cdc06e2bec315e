// 领导驾驶舱: draws /api/reports/live, /weekly and /monthly with Apache ECharts (served locally).
(function () {
  'use strict';
  var LEVEL = { HIGH: '高', MEDIUM: '中', LOW: '低' };
  var DEADLINE = { feedback: 'T+2 反馈', 'weekly-update': '周调更新', 'resolve-by': '办结期限', 'report-in': '部门报到' };
  var charts = [];

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function isoWeek(d) {
    var t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
    var day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    var yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
    return t.getUTCFullYear() + '-W' + pad(Math.ceil(((t - yearStart) / 86400000 + 1) / 7));
  }
  function defaults() {
    var today = new Date();
    var lastWeek = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7);
    var lastMonth = new Date(today.getFullYear(), today.getMonth() - 1, 1);
    return { week: isoWeek(lastWeek), month: lastMonth.getFullYear() + '-' + pad(lastMonth.getMonth() + 1) };
  }
  // The pickers are lists in Chinese (a native week or month input speaks the browser's language):
  // the current period first, then the year before it; the last complete one stays the default.
  function weekLabel(value) {
    var m = /^(\d{4})-W(\d{2})$/.exec(value);
    return m ? m[1] + '年第' + parseInt(m[2], 10) + '周' : value;
  }
  function monthLabel(value) {
    var m = /^(\d{4})-(\d{2})$/.exec(value);
    return m ? m[1] + '年' + parseInt(m[2], 10) + '月' : value;
  }
  function periodLabel(value) { return /W/.test(value) ? weekLabel(value) : monthLabel(value); }
  function options(select, values, label, current, selected) {
    select.innerHTML = values.map(function (v) {
      return '<option value="' + esc(v) + '"' + (v === selected ? ' selected' : '') + '>' + esc(label(v))
        + (v === current ? '（本期，进行中）' : '') + '</option>';
    }).join('');
  }
  function pickers(d) {
    var today = new Date();
    var weeks = [];
    for (var i = 0; i < 53; i++) {
      var w = isoWeek(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7 * i));
      if (weeks.indexOf(w) < 0) { weeks.push(w); }
    }
    var months = [];
    for (var j = 0; j < 24; j++) {
      var m = new Date(today.getFullYear(), today.getMonth() - j, 1);
      months.push(m.getFullYear() + '-' + pad(m.getMonth() + 1));
    }
    options(document.getElementById('week'), weeks, weekLabel, weeks[0], d.week);
    options(document.getElementById('month'), months, monthLabel, months[0], d.month);
  }
  function pct(rate) { return rate === null || rate === undefined ? '—' : (Math.round(rate * 1000) / 10) + '%'; }
  function text(value) { return value === null || value === undefined ? '' : String(value); }
  function esc(value) {
    return text(value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function itemLink(number) {
    return '<a href="/items/' + encodeURIComponent(number) + '" target="_blank" rel="noopener">' + esc(number) + '</a>';
  }
  function message(msg) {
    var el = document.getElementById('message');
    el.textContent = msg || '';
    el.hidden = !msg;
  }

  function load(kind, param, value) {
    return fetch('/api/reports/' + kind + '?' + param + '=' + encodeURIComponent(value), { credentials: 'same-origin',
      headers: { Accept: 'application/json' } }).then(function (response) {
      if (response.status === 403) { throw new Error('您无权查看统计报表（仅街道综治中心、街道领导、督导组和区级联席会议）。'); }
      if (!response.ok) {
        return response.json().then(function (p) {
          throw new Error((p.errors && p.errors.length ? p.errors.map(function (e) { return e.field + '：' + e.message; }).join('；') : p.detail) || '查询失败');
        });
      }
      return response.json();
    });
  }

  function cards(section, r) {
    var t = r.totals;
    var items = [['新增', t.newItems], ['申请销号', t.resolved], ['销号', t.closed], ['超期', t.overdue, t.overdue > 0],
      ['期末在办', t.openAtEnd], ['重新化解', t.reopened], ['移交', t.transferred], ['重复反映合并', t.mergedRepeats],
      ['平均办结（工作日）', r.avgWorkingDaysToClose === null ? '—' : r.avgWorkingDaysToClose],
      ['通报', r.supervision.publicNotices, r.supervision.publicNotices > 0]];
    section.querySelector('.cards').innerHTML = items.map(function (c) {
      return '<div class="card' + (c[2] ? ' bad' : '') + '"><div class="value">' + esc(c[1]) + '</div><div class="name">' + c[0] + '</div></div>';
    }).join('');
  }

  function chart(section, name, option) {
    var el = section.querySelector('[data-chart="' + name + '"]');
    var existing = echarts.getInstanceByDom(el);
    if (existing) { existing.dispose(); }
    var c = echarts.init(el);
    c.setOption(option);
    charts.push(c);
  }

  function ratesChart(section, r) {
    var rates = r.resolutionRates;
    chart(section, 'rates', {
      title: { text: '分级化解率与目标', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', formatter: function (p) {
        var row = rates[p[0].dataIndex];
        return row.name + '风险：' + row.resolved + '/' + row.due + '（' + pct(row.rate) + '，目标 ' + pct(row.target) + '）';
      } },
      xAxis: { type: 'category', data: rates.map(function (x) { return x.name + '风险'; }) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'bar', barWidth: '40%', label: { show: true, position: 'top', formatter: function (p) {
          return rates[p.dataIndex].rate === null ? '无到期' : p.value + '%'; } },
        data: rates.map(function (x) {
          return { value: x.rate === null ? 0 : Math.round(x.rate * 1000) / 10,
            itemStyle: { color: x.verdict === 'MISSED' ? '#b22222' : x.verdict === 'MET' ? '#2e7d32' : '#9e9e9e' } };
        }),
        markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#ff8f00' },
          label: { formatter: '目标 {c}%' }, data: [{ yAxis: 100, name: '高风险目标' }, { yAxis: 90, name: '中低风险目标' }] } }]
    });
  }

  function timelinessChart(section, r) {
    var rows = [['T+2 按时反馈', r.feedbackOnTime.rate], ['周调更新合规', r.weeklyUpdate.rate], ['督办回复', r.supervision.answerRate]];
    chart(section, 'timeliness', {
      title: { text: '时效指标', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map(function (x) { return x[0]; }) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'bar', barWidth: '40%', itemStyle: { color: '#1565c0' },
        label: { show: true, position: 'top', formatter: function (p) { return rows[p.dataIndex][1] === null ? '无' : p.value + '%'; } },
        data: rows.map(function (x) { return x[1] === null ? 0 : Math.round(x[1] * 1000) / 10; }),
        markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#ff8f00' }, label: { formatter: '目标 {c}%' },
          data: [{ yAxis: 100 }] } }]
    });
  }

  function communitiesChart(section, r) {
    var rows = r.byCommunity;
    function series(name, key, color) {
      return { name: name, type: 'bar', itemStyle: { color: color }, data: rows.map(function (x) { return x[key]; }) };
    }
    chart(section, 'communities', {
      title: { text: '各社区新增、销号、超期', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' }, legend: { top: 24 },
      grid: { top: 60, bottom: 40, left: 40, right: 20 },
      xAxis: { type: 'category', data: rows.map(function (x) { return x.name; }), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [series('新增', 'newItems', '#1565c0'), series('销号', 'closed', '#2e7d32'), series('超期', 'overdue', '#b22222')]
    });
  }

  function fill(section, selector, rows, render, columns, empty) {
    var body = section.querySelector('table.' + selector + ' tbody');
    if (!body) { return; }
    body.innerHTML = rows.length ? rows.map(render).join('')
      : '<tr><td class="empty" colspan="' + columns + '">' + (empty || '本期无') + '</td></tr>';
  }

  function tables(section, r) {
    fill(section, 'overdue', r.overdueItems, function (x) {
      return '<tr><td>' + itemLink(x.number) + '</td><td>' + esc(x.title) + '</td><td>' + esc(x.community) + '</td><td>'
        + esc(LEVEL[x.level] || '未定级') + '</td><td>' + esc(x.unit) + '</td><td>'
        + esc(x.deadlines.map(function (d) { return DEADLINE[d] || d; }).join('、')) + '</td><td>'
        + (x.overdueNow ? '<span class="missed">仍超期</span>' : '已跟上') + '</td></tr>';
    }, 7);
    fill(section, 'notices', r.publicNotices, function (x) {
      return '<tr><td>' + itemLink(x.number) + '</td><td>' + esc(x.title) + '</td><td>' + esc(x.community) + '</td><td>'
        + esc(x.unit) + '</td><td>' + esc(DEADLINE[x.deadline] || x.deadline) + '</td><td>' + esc(x.missNumber) + '</td><td>'
        + esc(text(x.noticedAt).replace('T', ' ').substring(0, 16)) + '</td></tr>';
    }, 7);
    fill(section, 'quality', r.dataQuality, function (x) {
      return '<tr><td>' + esc(x.name) + '</td><td>' + x.newItems + '</td><td>' + x.missingFields + '</td><td>' + x.lateWeeklyUpdates
        + '</td><td>' + x.lateFeedback + '</td><td>' + x.dailyChecksDue + '</td><td>' + x.dailyChecksDone + '</td><td'
        + (x.dailyChecksMissed > 0 ? ' class="missed"' : '') + '>' + x.dailyChecksMissed + '</td><td>' + pct(x.dailyCheckRate) + '</td></tr>';
    }, 9);
    fill(section, 'departments', r.byDepartment, function (x) {
      return '<tr><td>' + esc(x.name) + '</td><td>' + x.newItems + '</td><td>' + x.closed + '</td><td>' + x.overdue + '</td><td>'
        + x.reportIns + '</td><td>' + x.reportInsOnTime + '</td><td' + (x.reportInsMissed > 0 ? ' class="missed"' : '') + '>'
        + x.reportInsMissed + '</td><td>' + pct(x.reportInTimeliness) + '</td><td>'
        + (x.ratings ? esc(x.ratingTimeliness) + ' / ' + esc(x.ratingEffectiveness) + '（' + x.ratings + '次）' : '—') + '</td></tr>';
    }, 9);
  }

  function draw(id, r) {
    var section = document.getElementById(id);
    section.querySelector('.label').textContent = periodLabel(r.period) + '（' + r.from + ' 至 ' + r.to + '）';
    var s = r.snapshot;
    section.querySelector('.snapshot').textContent = !s ? '尚未生成会议快照'
      : s.status === 'READY' ? '会议快照已审核（' + text(s.reviewedBy) + '）' : '会议快照待审核';
    cards(section, r);
    ratesChart(section, r);
    timelinessChart(section, r);
    communitiesChart(section, r);
    tables(section, r);
  }

  // 街道对比: the district's comparison of its streets for the chosen week; hidden for everyone the
  // API refuses (a street's own people, supervision groups).
  function drawDistrict(r) {
    var section = document.getElementById('district');
    section.hidden = false;
    section.querySelector('.label').textContent = weekLabel(r.period) + '（' + r.from + ' 至 ' + r.to + '）';
    function rate(s, level) {
      var x = s.resolutionRates.filter(function (y) { return y.level === level; })[0];
      if (!x || x.rate === null) { return '—'; }
      return '<span class="' + (x.verdict === 'MISSED' ? 'missed' : 'met') + '">' + pct(x.rate) + '</span>（' + x.resolved + '/' + x.due + '）';
    }
    fill(section, 'streets', r.streets, function (s) {
      var o = s.openNowByLevel;
      return '<tr><td>' + esc(s.name) + '</td><td>' + s.communities + '</td><td>' + (o.HIGH + o.MEDIUM + o.LOW + o.NONE) + '（'
        + o.HIGH + '/' + o.MEDIUM + '/' + o.LOW + '/' + o.NONE + '）</td><td>' + s.totals.newItems + '</td><td>' + s.totals.closed
        + '</td><td' + (s.totals.overdue > 0 ? ' class="missed"' : '') + '>' + s.totals.overdue + '</td><td>' + rate(s, 'HIGH')
        + '</td><td>' + rate(s, 'MEDIUM') + '</td><td>' + rate(s, 'LOW') + '</td><td>'
        + (s.targetsMet === null ? '本期无到期' : s.targetsMet ? '<span class="met">达标</span>' : '<span class="missed">未达标</span>') + '</td><td>'
        + pct(s.feedbackOnTimeRate) + '</td><td>' + s.publicNotices + '</td></tr>';
    }, 12, '暂无街道');
    function series(name, level, color) {
      return { name: name, type: 'bar', stack: 'open', itemStyle: { color: color },
        data: r.streets.map(function (s) { return s.openNowByLevel[level] || 0; }) };
    }
    chart(section, 'streets', {
      animation: false,
      title: { text: '各街道在办事项（按风险等级）与本周超期', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 24 },
      grid: { top: 56, bottom: 24, left: 8, right: 16, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: r.streets.map(function (s) { return s.name; }) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [series('高风险', 'HIGH', '#b22222'), series('中风险', 'MEDIUM', '#ff8f00'), series('低风险', 'LOW', '#2e7d32'),
        series('未定级', 'NONE', '#9e9e9e'), { name: '本周超期', type: 'bar', itemStyle: { color: '#5d4037' },
          data: r.streets.map(function (s) { return s.totals.overdue; }) }]
    });
  }
  function loadDistrict(week) {
    return fetch('/api/reports/district?week=' + encodeURIComponent(week), { credentials: 'same-origin',
      headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) { document.getElementById('district').hidden = true; return; }
      return response.json().then(drawDistrict);
    });
  }

  function refresh() {
    message('');
    charts = charts.filter(function (c) { return !c.isDisposed(); });
    var week = document.getElementById('week').value;
    var month = document.getElementById('month').value;
    loadDistrict(week).catch(function (e) { message(e.message); });
    Promise.all([load('weekly', 'week', week), load('monthly', 'month', month)]).then(function (reports) {
      draw('weekly', reports[0]);
      draw('monthly', reports[1]);
    }).catch(function (e) { message(e.message); });
  }

  var TIER = { COMMUNITY: '社区', STREET: '街道', DISTRICT: '区' };
  function when(value) { return text(value).replace('T', ' ').substring(0, 16); }
  function steps(x) { return x.waitingOn && x.waitingOn.length ? esc(x.waitingOn.join('、')) : '—'; }
  function level(x) { return esc(LEVEL[x] || '未定级'); }

  // Several streets (docs/streets.md): the district sees every street, each row names its street, and
  // the panel can be narrowed to one street; a street's own people see only theirs and no filter.
  var streetNames = {};
  var manyStreets = false;
  function place(x) {
    return (manyStreets && x.street ? esc(streetNames[x.street] || x.street) + ' · ' : '') + esc(x.community);
  }
  function streetFilter(r) {
    var select = document.getElementById('street');
    if (select.value) { return; }
    r.streets.forEach(function (s) { streetNames[s.code] = s.name; });
    manyStreets = r.streets.length > 1;
    document.getElementById('street-filter').hidden = !manyStreets;
    select.innerHTML = '<option value="">全部街道</option>' + r.streets.map(function (s) {
      return '<option value="' + esc(s.code) + '">' + esc(s.name) + '</option>';
    }).join('');
  }
  function loadLive() {
    var street = document.getElementById('street').value;
    return fetch('/api/reports/live' + (street ? '?street=' + encodeURIComponent(street) : ''),
      { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 403) { throw new Error('您无权查看实时概况（仅街道综治中心、街道领导、督导组和区级联席会议）。'); }
        if (!response.ok) { throw new Error('实时概况加载失败'); }
        return response.json();
      });
  }

  function drawLive(r) {
    var section = document.getElementById('live');
    streetFilter(r);
    var names = r.streets.map(function (s) { return s.name; }).join('、');
    var whole = r.streets.length > 0 && r.streets.every(function (s) { return s.whole; });
    section.querySelector('.label').textContent = '截至 ' + when(r.at) + '（' + (r.scope === null && manyStreets ? '全部街道：' + names
      : whole ? names : (r.scope || []).join('、')) + '）';
    var l = r.openByLevel;
    var items = [['在办事项', r.open], ['高风险', l.HIGH, l.HIGH > 0], ['中风险', l.MEDIUM], ['低风险', l.LOW], ['未定级', l.NONE],
      ['已超期', r.overdue.length, r.overdue.length > 0], ['两个工作日内到期', r.dueSoon.length],
      ['吹哨待报到', r.reportInsWaiting.length], ['待召开会议', r.meetingsToConvene.length]];
    section.querySelector('.cards').innerHTML = items.map(function (c) {
      return '<div class="card' + (c[2] ? ' bad' : '') + '"><div class="value">' + esc(c[1]) + '</div><div class="name">' + c[0] + '</div></div>';
    }).join('');
    var rows = r.openByCommunity;
    function series(name, key, color) {
      return { name: name, type: 'bar', stack: 'open', itemStyle: { color: color },
        data: rows.map(function (x) { return x.byLevel[key] || 0; }) };
    }
    chart(section, 'open', {
      animation: false,
      title: { text: '各社区在办事项（按风险等级）', left: 'center', textStyle: { fontSize: 14 } },
      // Bars lie down so that the communities' names stay readable on a phone too.
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 24 },
      grid: { top: 56, bottom: 24, left: 8, right: 16, containLabel: true },
      yAxis: { type: 'category', inverse: true, axisLabel: { interval: 0 }, data: rows.map(function (x) {
        return (manyStreets ? (streetNames[x.street] || x.street) + ' · ' : '') + x.communityName; }) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [series('高风险', 'HIGH', '#b22222'), series('中风险', 'MEDIUM', '#ff8f00'), series('低风险', 'LOW', '#2e7d32'),
        series('未定级', 'NONE', '#9e9e9e')]
    });
    function item(x) {
      return '<tr><td>' + itemLink(x.number) + '</td><td>' + esc(x.title) + '</td><td>' + place(x) + '</td><td>'
        + level(x.level) + '</td><td>' + esc(x.unitName || '—') + '</td><td>' + steps(x) + '</td><td>'
        + esc(DEADLINE[x.deadline] || x.deadline) + '</td><td>' + esc(when(x.dueAt)) + '</td></tr>';
    }
    var VERDICT = { ON_TRACK: '<span class="met">可达标</span>', WILL_MISS: '<span class="missed">将未达标</span>', NO_DATA: '本期无到期' };
    var forecast = [];
    [[r.forecastWeek, weekLabel], [r.forecastMonth, monthLabel]].forEach(function (f) {
      f[0].levels.forEach(function (l) { forecast.push({ period: f[1](f[0].period), l: l }); });
    });
    fill(section, 'forecast', forecast, function (x) {
      var l = x.l;
      return '<tr><td>' + esc(x.period) + '</td><td>' + level(l.level) + '风险</td><td>' + pct(l.target) + '</td><td>' + l.due
        + '</td><td>' + l.closed + '</td><td>' + (l.pace === null ? '—' : l.closedSoFar + '/' + l.dueSoFar) + '</td><td>'
        + pct(l.projectedRate) + '</td><td>' + (VERDICT[l.verdict] || esc(l.verdict)) + '</td><td>' + (l.due ? l.mustClose : '—')
        + '</td><td>' + (l.openItems.length ? l.openItems.map(function (i) {
          return itemLink(i.number) + (i.overdue ? '<span class="missed">（已超期）</span>' : '');
        }).join('、') : '—') + '</td></tr>';
    }, 10, '暂无');
    fill(section, 'overdue', r.overdue, item, 8, '暂无');
    fill(section, 'soon', r.dueSoon, item, 8, '暂无');
    fill(section, 'high', r.high, function (x) {
      return '<tr><td>' + itemLink(x.number) + '</td><td>' + esc(x.title) + '</td><td>' + place(x) + '</td><td>'
        + esc(x.unitName || '—') + '</td><td>' + (x.emergencyPlan ? '已制定' : '<span class="missed">未制定</span>') + '</td><td>'
        + steps(x) + '</td><td>' + esc(DEADLINE[x.nextDeadline] || x.nextDeadline || '—') + '</td><td'
        + (x.overdueNow ? ' class="missed"' : '') + '>' + esc(when(x.nextDueAt)) + (x.overdueNow ? '（已超期）' : '') + '</td></tr>';
    }, 8, '暂无');
    fill(section, 'ladder', r.ladder, function (x) {
      return '<tr><td>' + esc(x.unitName || '—') + '</td><td>' + x.reminders + '</td><td>' + x.supervisions + '</td><td'
        + (x.notices > 0 ? ' class="missed"' : '') + '>' + x.notices + '</td></tr>';
    }, 4, '暂无');
    fill(section, 'reportins', r.reportInsWaiting, function (x) {
      return '<tr><td>' + itemLink(x.number) + '</td><td>' + esc(x.title) + '</td><td>' + place(x) + '</td><td>'
        + esc(x.departmentName) + '</td><td>' + esc(when(x.dueAt)) + '</td><td>'
        + (x.missed ? '<span class="missed">已逾期</span>' : '待报到') + '</td></tr>';
    }, 6, '暂无');
    fill(section, 'meetings', r.meetingsToConvene, function (x) {
      return '<tr><td>' + itemLink(x.number) + '</td><td>' + esc(x.title) + '</td><td>' + place(x) + '</td><td>'
        + esc(TIER[x.tier] || x.tier) + '</td><td>' + esc(x.organiserName) + '</td><td>' + esc(when(x.conveneDue)) + '</td></tr>';
    }, 6, '暂无');
    fill(section, 'actions', r.actionsDue, function (x) {
      return '<tr><td>' + itemLink(x.number) + '</td><td>' + esc(x.content) + '</td><td>' + esc(x.ownerName) + '</td><td>'
        + esc(when(x.dueAt)) + '</td><td>' + (x.overdue ? '<span class="missed">已超期</span>' : '即将到期') + '</td></tr>';
    }, 5, '暂无');
  }

  var d = defaults();
  pickers(d);
  loadLive().then(drawLive).catch(function (e) { message(e.message); });
  document.getElementById('street').addEventListener('change', function () {
    loadLive().then(drawLive).catch(function (e) { message(e.message); });
  });
  document.getElementById('periods').addEventListener('submit', function (e) { e.preventDefault(); refresh(); });
  document.getElementById('print').addEventListener('click', function () { window.print(); });
  // The live view is a paper of its own, printed only when the leader asks for it: the weekly-meeting
  // material keeps printing as before. The class stays until the dialog closes (afterprint).
  document.getElementById('print-live').addEventListener('click', function () {
    document.body.classList.add('print-live');
    window.print();
  });
  window.addEventListener('afterprint', function () { document.body.classList.remove('print-live'); });
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  refresh();
})();
