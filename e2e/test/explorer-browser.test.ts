import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import { CancelOrderDocument } from '@qurbani/sdk';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createSeasonAndSite, placeOrder, registerDonor, signInOrganizer, type Actor } from './support/season.js';
import { CHROMIUM, CHROMIUM_ARGS } from './support/browser.js';
import { startSystem, type System } from './support/system.js';

// The explorer loads everything from the gateway: nothing else of the browser's may reach out either.
const EXPLORER_ARGS = [...CHROMIUM_ARGS, '--disable-quic', '--disable-component-update', '--disable-sync'];
// The committed picture is refreshed on request only, so a test run leaves the work tree clean.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? new URL('../../../docs/explorer.png', import.meta.url).pathname
  : join(tmpdir(), 'qurbani-explorer.png');

/** Only this machine: the gateway itself, and what the page makes in memory. */
const onThisMachine = (url: string) =>
  /^(data|blob):/.test(url) || /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url);

describe('the GraphiQL explorer in a real browser', () => {
  let system: System;
  let donor: Actor;
  let orderId: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    system = await startSystem();
    await createSeasonAndSite(await signInOrganizer(system), system);
    donor = await registerDonor(system, 'Amina');
    orderId = (await placeOrder(donor, 'SHEEP', ['Amina Rahman'])).id;
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`,
    );
    userDataDir = mkdtempSync(join(tmpdir(), 'qurbani-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: EXPLORER_ARGS,
      viewport: { width: 1400, height: 860 },
    });
    // Every request of the page and its workers, and every WebSocket it opens.
    context.on('request', (request) => requested.push(request.url()));
    context.on('weberror', (error) => pageErrors.push(error.error().message));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('websocket', (socket) => requested.push(socket.url()));
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await system?.close();
  });

  it('loads the schema from the gateway and shows Query and Subscription in its docs', async () => {
    const introspection = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /__schema/.test(r.request().postData() ?? ''),
    );
    await page.goto(system.gateway.url);
    const schema = await introspection;
    assert.equal(
      schema.status(),
      200,
      `the explorer's own introspection query is answered: ${(await schema.text()).slice(0, 300)}`,
    );

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    // Each root type is a line "<operation>: <type link>".
    const rootTypes = page.locator(':has(> .graphiql-doc-explorer-root-type)');
    await rootTypes.filter({ hasText: 'Subscription' }).waitFor({ timeout: 10_000 });
    const roots = await rootTypes.allInnerTexts();
    assert.ok(
      roots.some((t) => /query:\s*Query/.test(t)),
      `root types: ${roots.join(' | ')}`,
    );
    assert.ok(
      roots.some((t) => /subscription:\s*Subscription/.test(t)),
      `root types: ${roots.join(' | ')}`,
    );
    await page.locator('.graphiql-doc-explorer-type-name', { hasText: /^Subscription$/ }).click();
    await page.locator('.graphiql-doc-explorer-field-name', { hasText: /^orderUpdated$/ }).waitFor();
  });

  it("runs a query with the donor's token from the Headers tab and shows the donor's id", async () => {
    await writeEditor(page, operationEditor(page), '{ me { id displayName } }');
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await writeEditor(page, toolEditor(page), JSON.stringify({ Authorization: `Bearer ${donor.token}` }));
    await page.getByRole('button', { name: /^Execute query/ }).click();
    await resultShows(page, donor.id);
    assert.match(await editorText(resultPane(page)), /"displayName":\s*"Amina"/);
  });

  it('runs a subscription and shows the event when the donor cancels the order', async (t) => {
    await writeEditor(
      page,
      operationEditor(page),
      `subscription { orderUpdated(orderId: "${orderId}") { id status } }`,
    );
    await page.getByRole('button', { name: /^Prettify query/ }).click();
    await eventually(async () => (await editorText(operationEditor(page))).includes('\n'));
    await page.getByRole('button', { name: /^Execute query/ }).click();
    // The gateway follows the order once the subscription is accepted; only then can an event reach it.
    await eventually(async () => system.gateway.live.stats.followedSubjects > 0);
    // The charity confirms the cancellation (the sacrifice subgraph decides); the event says CANCELLED.
    const { cancelOrder } = await donor.client.request(CancelOrderDocument, { id: orderId });
    assert.equal(cancelOrder.cancellationStatus, 'REQUESTED');
    await resultShows(page, '"status": "CANCELLED"');
    assert.ok((await editorText(resultPane(page))).replace(/\s+/g, '').includes(orderId));
    await page.screenshot({ path: SCREENSHOT });
    t.diagnostic(`screenshot: ${SCREENSHOT}`);
  });

  it('made no request off the machine, and opened its WebSocket to the gateway', () => {
    assert.ok(requested.length > 0);
    assert.deepEqual(
      requested.filter((url) => !onThisMachine(url)),
      [],
    );
    assert.ok(
      requested.some((url) => url.startsWith(system.gateway.url.replace(/^http/, 'ws'))),
      `the subscription's WebSocket: ${requested.join(', ')}`,
    );
    assert.deepEqual(pageErrors, [], 'the page threw no error');
  });
});

// GraphiQL 5 (what @graphql-yoga/render-graphiql 5 inlines) edits with Monaco: `.monaco-editor`, `.view-lines`.
const operationEditor = (page: Page) => page.locator('.graphiql-query-editor');
const toolEditor = (page: Page) => page.locator('.graphiql-editor-tool .graphiql-editor:visible');
const resultPane = (page: Page) => page.locator('.graphiql-response');

/** Waits until the result pane shows `text` (Monaco wraps long lines, so whitespace is ignored). */
async function resultShows(page: Page, text: string): Promise<void> {
  const squeezed = text.replace(/\s+/g, '');
  await eventually(
    async () => (await editorText(resultPane(page))).replace(/\s+/g, '').includes(squeezed),
    15_000,
  ).catch(async (error) => {
    throw new Error(`the result pane never showed ${text}; it shows: ${await editorText(resultPane(page))}`, {
      cause: error,
    });
  });
}

/** What an editor shows (Monaco renders non-breaking spaces). */
async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Types into a GraphiQL editor as a person would: click, select all, type. */
async function writeEditor(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  // Monaco closes brackets as they are typed: drop what it added after the text.
  await page.keyboard.press('Shift+ControlOrMeta+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('ControlOrMeta+Home');
}
