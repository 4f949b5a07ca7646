// Helpers for the Playwright UI tests: everything here acts the way a person
// does (clicks, keys, reading what is on screen). Nothing calls VS Code's API.
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { ROOT } = require('../runners/vscodeWeb');

const RESULTS = path.join(ROOT, 'test-results', 'ui');
const SIDEBAR = '[id="workbench.parts.sidebar"]';
const WAIT = 30000;
/** How often waitUntil looks again: a poll interval for a condition, never a wait on its own. */
const POLL_MS = 150;

/** Saves test-results/ui/<name>.png (a picture of the whole workbench). */
async function shot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  // Two animation frames: what was just shown has been painted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: file });
  return file;
}

/** Polls `read()` until `check(value)` holds; fails with the last value read. */
async function waitUntil(read, check, what, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    try {
      value = await read();
      if (check(value)) return value;
    } catch (err) {
      value = `<${err.message.split('\n')[0]}>`;
    }
    if (Date.now() > deadline) {
      throw new assert.AssertionError({ message: `Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}` });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const quickInput = (page) => page.locator('.quick-input-widget');
const quickRows = (page) => quickInput(page).locator('.monaco-list-row');

/** Aria labels of the quick input list rows, top to bottom. */
async function quickRowLabels(page) {
  return quickRows(page).evaluateAll((rows) => rows
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((row) => row.getAttribute('aria-label') || row.textContent));
}

async function closeQuickInput(page) {
  if (await quickInput(page).isVisible()) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }
}

/** Opens a quick input with `shortcut`, types `text`, waits for a row showing `rowText`, Enter. */
async function chooseInQuickInput(page, shortcut, text, rowText) {
  await closeQuickInput(page);
  await page.keyboard.press(shortcut);
  await quickInput(page).waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.type(text);
  const row = quickRows(page).filter({ hasText: rowText }).first();
  await row.waitFor({ timeout: WAIT });
  // Enter takes the focused row: on a busy machine the list may still be settling on another one, so wait
  // for the focus to be on a matching row, else click the row, as a person would.
  const focused = quickInput(page).locator('.monaco-list-row.focused').filter({ hasText: rowText }).first();
  if (await focused.waitFor({ timeout: 5000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
  else await row.click();
}

/** Ctrl+Shift+P, types `title`, waits for that command's row, Enter. */
async function runCommand(page, title) {
  await chooseInQuickInput(page, 'Control+Shift+P', title, title);
}

/**
 * Ctrl+P, types the workspace-relative path, Enter, and waits for its tab.
 * (The test-web file system's file search ignores the typed name, so quick
 * open only finds a file by its relative path, not by a fuzzy name.)
 */
async function quickOpen(page, relativePath) {
  const name = path.basename(relativePath);
  await chooseInQuickInput(page, 'Control+P', relativePath, name);
  // A Markdown preview that follows the active editor can take the tab's place
  // for a moment; if the file's tab is open but not active, click it, as a person would.
  try {
    await activeTab(page, name).waitFor({ timeout: 5000 });
  } catch {
    await tab(page, name).first().click({ timeout: WAIT });
    await activeTab(page, name).waitFor({ timeout: WAIT });
  }
  await activeEditorLines(page).waitFor({ timeout: WAIT });
}

/** The active tab whose aria label starts with `title`. */
function activeTab(page, title) {
  return page.locator(`.editor-group-container.active .tabs-container .tab.active[aria-label^="${cssString(title)}"]`);
}

function tab(page, title) {
  return page.locator(`.tabs-container .tab[aria-label^="${cssString(title)}"]`);
}

function activeEditorLines(page) {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first();
}

/** The text the active editor shows, lines in order, with plain spaces. */
async function editorText(page) {
  return activeEditorLines(page).evaluate((el) => [...el.querySelectorAll('.view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((line) => line.textContent.replace(/\u00a0/g, ' '))
    .join('\n'));
}

/** Clicks the LitNotes icon in the activity bar (unless the view is already showing) and waits for rows. */
async function openLitNotesView(page) {
  const icon = page.locator('.activitybar .action-item a[aria-label*="LitNotes"], .activitybar .action-label[aria-label*="LitNotes"]').first();
  await icon.waitFor({ timeout: WAIT });
  const title = await page.locator(`${SIDEBAR} .composite.title`).first().textContent().catch(() => '');
  if (!/LitNotes/i.test(title || '')) await icon.click();
  await treeRows(page).first().waitFor({ timeout: WAIT });
}

function treeRows(page) {
  return page.locator(`${SIDEBAR} .monaco-list-row[role="treeitem"]`);
}

/** A tree row whose aria label starts with `label`. */
function treeRow(page, label) {
  return page.locator(`${SIDEBAR} .monaco-list-row[role="treeitem"][aria-label^="${cssString(label)}"]`).first();
}

/** Aria labels of the level-1 rows (topics). */
async function topicLabels(page) {
  return page.locator(`${SIDEBAR} .monaco-list-row[aria-level="1"]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
}

/**
 * Makes the paper row whose title starts with `title` visible by clicking
 * topics open, one at a time (closing again those without it). Returns the row.
 */
async function revealPaper(page, title) {
  const row = treeRow(page, title);
  if (await row.count()) return row;
  const topics = await topicLabels(page);
  for (const label of topics) {
    const topic = treeRow(page, label);
    if ((await topic.getAttribute('aria-expanded')) === 'true') continue;
    const papers = page.locator(`${SIDEBAR} .monaco-list-row[aria-level="2"]`);
    const before = await papers.count();
    await setExpanded(topic, true, label);
    await waitUntil(() => papers.count(), (n) => n > before, `the papers under "${label}"`, 10000);
    if (await row.count()) return row;
    await setExpanded(topic, false, label);
  }
  throw new assert.AssertionError({ message: `No paper titled "${title}…" under any topic: ${topics.join('; ')}` });
}

/**
 * The row of a paper that the workspace cites, once its "cited in n" count
 * has arrived (the steps read the count from the row's label).
 */
async function citedPaperRow(page, title) {
  return waitUntil(async () => {
    const row = await revealPaper(page, title);
    return /cited in \d/.test((await row.getAttribute('aria-label', { timeout: 2000 })) || '') && row;
  }, Boolean, `the row of "${title}" with its citation count`);
}

/**
 * Right-clicks the row `findRow()` gives and picks the menu item `itemName`.
 * A whole-tree repaint while the menu is open (the cited group appearing or
 * going, a reload) can leave the command without its row, and it then asks
 * for a paper (`pickerTitle`): a person closes that and right-clicks again,
 * and so does this, up to three times. `beforeClick` runs with the menu open.
 */
async function rowMenuCommand(page, findRow, itemName, pickerTitle, beforeClick = async () => undefined) {
  for (let attempt = 1; ; attempt++) {
    await (await findRow()).click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: itemName });
    await item.waitFor();
    await beforeClick();
    await item.click();
    const asked = await quickInput(page).locator('.quick-input-title', { hasText: pickerTitle }).waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (!asked) return;
    await closeQuickInput(page);
    if (attempt >= 3) throw new assert.AssertionError({ message: `"${pickerTitle}" asked for a paper ${attempt} times: the menu lost its row each time` });
  }
}

/**
 * Clicks a tree row until it is expanded (or collapsed). A tree refresh that
 * lands between the click and the repaint can undo the toggle, so a second
 * click is what a person would do too.
 */
async function setExpanded(row, expanded, label) {
  const want = String(expanded);
  for (let attempt = 1; ; attempt++) {
    await row.click();
    const done = await waitUntil(() => row.getAttribute('aria-expanded'), (v) => v === want, `"${label}" to ${expanded ? 'expand' : 'collapse'}`, 5000)
      .then(() => true, (err) => { if (attempt >= 3) throw err; return false; });
    if (done) return;
  }
}

/** The codicon class of a tree row's icon, e.g. "codicon-book". */
async function rowIcon(row) {
  const cls = await row.locator('.custom-view-tree-node-item-icon').first().getAttribute('class', { timeout: 5000 });
  return (/codicon-(?!colored\b)[\w-]+/.exec(cls || '') || [''])[0];
}

/** Waits for a visible hover widget whose text matches `pattern`; returns its text. */
async function hoverText(page, pattern) {
  const hovers = page.locator('.monaco-hover:visible, .workbench-hover:visible');
  const texts = await waitUntil(async () => (await hovers.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ')), (t) => t.some((x) => pattern.test(x)), `a hover showing ${pattern}`);
  return texts.find((x) => pattern.test(x));
}

/**
 * Waits until the quick input's first row starts with `title` and the list has
 * stopped changing (search-as-you-type may still be answering earlier keys).
 */
async function waitForTopResult(page, title, query) {
  let previous;
  return waitUntil(async () => {
    const value = await quickInput(page).locator('input.input').inputValue();
    const labels = await quickRowLabels(page);
    const key = `${value}\n${labels.join('\n')}`;
    const stable = key === previous;
    previous = key;
    return { value, labels, stable };
  }, ({ value, labels, stable }) => stable && value === query && labels.length > 0 && labels[0].startsWith(title),
  `"${title}" as the top result for "${query}"`);
}

/**
 * The Markdown preview is a webview, and headless Chromium refuses its service
 * worker, so the webview never loads and keys typed into it are lost instead
 * of being forwarded to the workbench. When it holds the focus, hand the focus
 * back to the workbench window (where a working webview would send the keys).
 */
async function leaveBrokenWebview(page) {
  await page.evaluate(() => {
    const el = document.activeElement;
    if (el && el.tagName === 'IFRAME') el.blur();
  });
}

/**
 * Moves the mouse over a tree row's label. (Locator.hover() on the label
 * itself would scroll the label inside its clipped container when the title
 * is wider than the side bar, leaving the row looking empty.)
 */
async function hoverRow(row) {
  await row.hover({ position: { x: 120, y: 11 } });
}

/** Dismisses toasts, hovers, menus and quick inputs left by a step. */
async function settle(page) {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await page.mouse.move(700, 880);
}

function cssString(text) {
  return String(text).replace(/["\\]/g, '\\$&');
}

const suggestRows = (page) => page.locator('.editor-widget.suggest-widget .monaco-list-row');

/**
 * In the active Markdown editor, types `prose [@` and then `query`, waits for
 * `key` to be the first suggestion and accepts it; returns the editor text
 * with the finished citation `prose [@key]`.
 */
async function citeBySuggestion(page, prose, query, key, shotName) {
  await page.keyboard.type(`${prose} [@`, { delay: 40 });
  // `@` opens the suggestions; if the editor let that keystroke pass (the library still loading), ask as a person would.
  const opened = await suggestRows(page).first().waitFor({ timeout: 5000 }).then(() => true, () => false);
  if (!opened) await page.keyboard.press('Control+Space');
  await suggestRows(page).first().waitFor({ timeout: WAIT });
  await page.keyboard.type(query, { delay: 80 });
  await waitUntil(
    () => suggestRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') || '')),
    (rows) => rows.length > 0 && rows[0].includes(key),
    `${key} as the first suggestion`);
  if (shotName) await shot(page, shotName);
  await page.keyboard.press('Enter');
  const text = await waitUntil(() => editorText(page), (t) => t.includes(`[@${key}`), 'the accepted key in the editor');
  // Without bracket auto-closing the `]` is still to be typed.
  if (!text.includes(`[@${key}]`)) await page.keyboard.type(']');
  return waitUntil(() => editorText(page), (t) => t.includes(`${prose} [@${key}]`), 'the finished citation');
}

/** Hovers the last occurrence of `key` in the active editor and returns the card's text once it matches `pattern`. */
async function hoverKey(page, key, pattern) {
  await page.keyboard.press('Escape');
  await activeEditorLines(page).locator('span', { hasText: key }).last().hover();
  return hoverText(page, pattern);
}

module.exports = {
  rowMenuCommand,
  citeBySuggestion,
  citedPaperRow,
  hoverKey,
  RESULTS,
  SIDEBAR,
  WAIT,
  shot,
  waitUntil,
  quickInput,
  quickRows,
  quickRowLabels,
  closeQuickInput,
  runCommand,
  quickOpen,
  activeTab,
  tab,
  activeEditorLines,
  editorText,
  openLitNotesView,
  treeRows,
  treeRow,
  topicLabels,
  revealPaper,
  rowIcon,
  hoverText,
  waitForTopResult,
  settle,
  hoverRow,
  leaveBrokenWebview,
};
