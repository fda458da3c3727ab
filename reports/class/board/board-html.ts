// The live class board's page (`grade --watch --serve`): one self-contained HTML page, its rows
// and status drawn here on the server (everything from a roster, AWS or an error escaped), then
// replaced as the board's server pushes new ones (server-sent events). The page's one script
// only swaps in what the server rendered and counts the time left down; its
// Content-Security-Policy allows that script and style by hash and connections to its own server.
import { createHash } from 'node:crypto';
import { CATEGORIES, type Bilingual } from '../../../contract/report';
import { escapeHtml as h } from '../../render/escape';
import { categoryName, fmt, type Lang } from '../../render/i18n';
import { DEFAULT_TIME_ZONE, formatTime } from '../../render/time';
import type { BoardRow, BoardState, CostSoFar } from './board-model';
import { sparkline } from './sparkline';

export interface BoardRenderOptions {
  lang: Lang;
  timeZone?: string;
  /** The server's clock, for the time left shown before the script runs. */
  now: Date;
}

/** What an update replaces: the status block and the table's rows (both already escaped HTML). */
export interface BoardParts {
  round: number;
  status: string;
  rows: string;
}

const W = {
  title: { ko: 'CloudMart 실시간 반 현황판', en: 'CloudMart live class board' },
  source: {
    aws: { ko: '데이터: AWS 계정에서 실시간으로 읽음', en: 'Data: read live from the AWS accounts' },
    emulator: { ko: 'EMULATED · 데이터: 로컬 에뮬레이터(실제 AWS 아님)', en: 'EMULATED · data: the local emulator (not AWS)' },
    endpoint: { ko: 'NOT AWS · 데이터: AWS가 아닌 엔드포인트', en: 'NOT AWS · data: an endpoint that is not AWS' },
  },
  timeLeft: { ko: '남은 시간', en: 'Time left' },
  over: { ko: '종료', en: 'over' },
  rounds: { ko: '채점 회차', en: 'Rounds' },
  updated: { ko: '마지막 채점', en: 'Last round' },
  notYet: { ko: '아직 없음', en: 'not yet' },
  first100: { ko: '100점 첫 도달', en: 'First to reach 100' },
  nobody100: { ko: '아직 없음', en: 'nobody yet' },
  stale: { ko: '이전 상태를 보여 줍니다: 마지막 채점 회차가 실패했습니다', en: 'Showing the last known state: the latest round failed' },
  staleSince: { ko: '부터', en: 'since' },
  disconnected: { ko: '현황판 서버와 연결이 끊겼습니다: 마지막으로 받은 상태입니다.', en: 'Lost the connection to the board server: this is the last state received.' },
  student: { ko: '학생', en: 'Student' },
  name: { ko: '이름', en: 'Name' },
  score: { ko: '점수', en: 'Score' },
  trend: { ko: '추이', en: 'Trend' },
  firstFix: { ko: '먼저 고칠 검사', en: 'First to fix' },
  cost: { ko: '지금까지 비용', en: 'Cost so far' },
  status: { ko: '상태', en: 'Status' },
  waiting: { ko: '채점 대기', en: 'waiting' },
  graded: { ko: '채점함', en: 'graded' },
  error: { ko: '오류', en: 'error' },
  nothingToFix: { ko: '모두 통과', en: 'all passing' },
  unknownCost: { ko: '알 수 없음', en: 'unknown' },
  overBudget: { ko: '예산 초과', en: 'over budget' },
  assumed: {
    ko: '개 리소스는 AWS가 생성 시각을 알려 주지 않아 배포의 첫 리소스 생성 시각부터 계산했습니다',
    en: 'resource(s) have no creation time in AWS and are counted from the deployment’s first resource',
  },
  assumedShort: { ko: '생성 시각 추정 {n}개', en: '{n} creation time(s) assumed' },
  priceTable: { ko: '가격표 기준일', en: 'price table of' },
  lastScore: { ko: '마지막 점수', en: 'last score' },
  scoresSince: { ko: '시작 이후 점수', en: 'scores since the start' },
} as const;

const say = (lang: Lang, text: Bilingual) => text[lang];

const STYLE = `
:root { --pass:#1a7f37; --fail:#cf222e; --error:#b35900; --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", NanumGothic, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 18px 16px 40px; }
h1 { font-size: 24px; margin: 0 0 6px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; color: var(--muted); margin: 4px 0; }
.meta b { color: var(--ink); }
.clock { font-size: 22px; font-variant-numeric: tabular-nums; color: var(--ink); font-weight: 700; }
.source { display: inline-block; border: 2px solid var(--muted); border-radius: 6px; padding: 2px 10px; font-weight: 700; }
.source.emulator, .source.endpoint { border-color: var(--fail); color: var(--fail); }
.banner { background: #fff1f0; border: 1px solid #ffb3ad; border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
#conn { display: none; }
body[data-disconnected] #conn { display: block; }
table { border-collapse: collapse; width: 100%; margin-top: 10px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: middle; }
th { background: var(--bg); font-weight: 600; font-size: 13px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.score { font-size: 20px; font-weight: 700; }
tr.error td { background: #fff8f0; }
tr.first100 td:first-child { border-left: 5px solid var(--pass); }
.badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 12px; font-weight: 700; color: #fff; background: var(--muted); }
.badge.graded { background: var(--pass); } .badge.error { background: var(--error); }
.small { font-size: 12px; } .muted { color: var(--muted); }
.over { color: var(--fail); font-weight: 700; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
td.fix { min-width: 200px; } td.name { min-width: 90px; }
`;

const SCRIPT = `
(function () {
  function tick() {
    var el = document.getElementById('time-left');
    if (!el) return;
    var ms = Date.parse(el.getAttribute('data-ends-at')) - Date.now();
    if (ms <= 0) { el.textContent = el.getAttribute('data-over'); return; }
    var s = Math.floor(ms / 1000);
    el.textContent = Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
  }
  setInterval(tick, 1000);
  tick();
  var events = new EventSource('events');
  events.addEventListener('board', function (e) {
    var d = JSON.parse(e.data);
    document.getElementById('status').innerHTML = d.status;
    document.getElementById('rows').innerHTML = d.rows;
    document.body.setAttribute('data-round', String(d.round));
    document.body.removeAttribute('data-disconnected');
    tick();
  });
  events.onerror = function () { document.body.setAttribute('data-disconnected', 'true'); };
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's policy: its own style and script by hash, server-sent events from its own server, nothing else. */
export const BOARD_CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function renderBoardPage(state: BoardState, options: BoardRenderOptions): string {
  const parts = renderBoardParts(state, options);
  const { lang } = options;
  const head = `<tr><th>${h(say(lang, W.student))}</th><th>${h(say(lang, W.name))}</th><th class="num">${h(say(lang, W.score))}</th><th>${h(say(lang, W.trend))}</th>${CATEGORIES.map(
    (c) => `<th class="num">${h(categoryName(lang, c))}</th>`,
  ).join('')}<th>${h(say(lang, W.firstFix))}</th><th class="num">${h(say(lang, W.cost))}</th><th>${h(say(lang, W.status))}</th></tr>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(BOARD_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(say(lang, W.title))}</title>
<style>${STYLE}</style>
</head>
<body data-round="${parts.round}">
<main>
<h1>${h(say(lang, W.title))}</h1>
<div id="conn" class="banner" role="status">${h(say(lang, W.disconnected))}</div>
<div id="status">${parts.status}</div>
<table id="board"><thead>${head}</thead><tbody id="rows">${parts.rows}</tbody></table>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The status block and the rows, as the page shows them and as each update sends them. */
export function renderBoardParts(state: BoardState, options: BoardRenderOptions): BoardParts {
  return { round: state.rounds, status: status(state, options), rows: state.rows.map((row) => rowHtml(row, state, options)).join('') };
}

function status(state: BoardState, { lang, timeZone = DEFAULT_TIME_ZONE, now }: BoardRenderOptions): string {
  const left = Date.parse(state.endsAt) - now.getTime();
  const leftText = left <= 0 ? say(lang, W.over) : `${Math.floor(left / 60_000)}:${String(Math.floor(left / 1000) % 60).padStart(2, '0')}`;
  const first = state.firstTo100
    ? `<b data-testid="first-to-100" data-student="${h(state.firstTo100.student)}">${h(state.firstTo100.name)} (${h(state.firstTo100.student)}) · ${h(formatTime(state.firstTo100.at, timeZone))}</b>`
    : `<b class="muted">${h(say(lang, W.nobody100))}</b>`;
  const stale = state.staleSince
    ? `<div class="banner" data-testid="stale" data-stale-since="${h(state.staleSince)}">${h(say(lang, W.stale))} (${h(state.staleReason ?? '')}) · ${h(formatTime(state.staleSince, timeZone))} ${h(say(lang, W.staleSince))}</div>`
    : '';
  return `<p class="meta"><span class="source ${state.source}" data-testid="source">${h(say(lang, W.source[state.source]))}</span>
<span>${h(say(lang, W.timeLeft))}: <span class="clock" id="time-left" data-ends-at="${h(state.endsAt)}" data-over="${h(say(lang, W.over))}">${h(leftText)}</span></span>
<span>${h(say(lang, W.rounds))}: <b data-testid="rounds">${state.rounds}</b></span>
<span>${h(say(lang, W.updated))}: <b>${state.lastRoundAt ? h(formatTime(state.lastRoundAt, timeZone)) : h(say(lang, W.notYet))}</b></span>
<span>${h(say(lang, W.first100))}: ${first}</span></p>${stale}`;
}

function rowHtml(row: BoardRow, state: BoardState, { lang }: BoardRenderOptions): string {
  const percents = row.trend.map((p) => p.percent);
  const trendLabel = `${say(lang, W.scoresSince)}: ${percents.map((p) => `${fmt(p)}%`).join(', ') || '–'}`;
  const score = row.status === 'graded' && row.percent !== undefined ? `<span class="score">${fmt(row.percent)}%</span>` : row.trend.length ? `<span class="muted small">${h(say(lang, W.lastScore))} ${fmt(row.trend.at(-1)!.percent)}%</span>` : '–';
  const categories = CATEGORIES.map((c) => {
    const v = row.status === 'graded' ? row.categories?.[c] : undefined;
    return `<td class="num" data-category="${c}">${v === undefined || v === null ? '–' : `${bar(v)} ${fmt(v)}%`}</td>`;
  }).join('');
  const fix =
    row.status !== 'graded' ? '' : row.firstFailing ? `<code>${h(row.firstFailing.id)}</code><div class="small muted">${h(say(lang, row.firstFailing.title))}</div>` : `<span class="muted">${h(say(lang, W.nothingToFix))}</span>`;
  const badge =
    row.status === 'error'
      ? `<span class="badge error">${h(say(lang, W.error))}</span><div class="small" data-testid="error">${h(row.error?.kind ?? '')}: ${h(row.error?.message ?? '')}</div>`
      : `<span class="badge ${row.status}">${h(say(lang, row.status === 'graded' ? W.graded : W.waiting))}</span>`;
  const first = state.firstTo100?.student === row.student ? ' first100' : '';
  return `<tr class="${row.status}${first}" data-student="${h(row.student)}" data-status="${row.status}"${row.status === 'graded' && row.percent !== undefined ? ` data-percent="${row.percent}"` : ''} data-points="${row.trend.length}"><td><b>${h(row.student)}</b></td><td class="name">${h(row.name)}</td><td class="num">${score}</td><td>${sparkline(percents, { label: h(trendLabel) })}</td>${categories}<td class="fix">${fix}</td><td class="num" data-testid="cost">${cost(row.cost, lang)}</td><td>${badge}</td></tr>`;
}

function bar(percent: number): string {
  const colour = percent >= 100 ? '#2da44e' : percent >= 70 ? '#bf8700' : '#cf222e';
  const width = Math.max(0, Math.min(100, percent)) * 0.6;
  return `<svg width="60" height="10" viewBox="0 0 60 10" role="img" xmlns="http://www.w3.org/2000/svg"><rect width="60" height="10" rx="2" fill="#eef1f4"/><rect width="${fmt(width, 2)}" height="10" rx="2" fill="${colour}"/></svg>`;
}

function cost(value: CostSoFar | undefined, lang: Lang): string {
  if (!value) return '–';
  if (!value.known) return `<span class="muted" title="${h(say(lang, value.reason))}">${h(say(lang, W.unknownCost))}</span><div class="small muted">${h(say(lang, value.reason))}</div>`;
  const over = value.usd > value.budgetUsd;
  const note =
    value.assumedFromFirst > 0
      ? `<div class="small muted" title="${value.assumedFromFirst} ${h(say(lang, W.assumed))}">${h(say(lang, W.assumedShort).replace('{n}', String(value.assumedFromFirst)))}</div>`
      : '';
  return `<span class="${over ? 'over' : ''}" data-usd="${value.usd}">USD ${value.usd.toFixed(2)} / ${value.budgetUsd.toFixed(2)}</span>${over ? ` <span class="over">${h(say(lang, W.overBudget))}</span>` : ''}<div class="small muted">${h(say(lang, W.priceTable))} ${h(value.priceTableAsOf)}</div>${note}`;
}
