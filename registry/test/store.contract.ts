import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RegistryStore, VersionExistsError } from '../src/store/store.js';
import type { ToolSearchKind } from '../src/store/tool-search.js';
import { detectTools, faceTools, ocrTools, serverJson } from './fixtures.js';
import { toolSearchCases } from './tool-search.contract.js';

/**
 * One suite for every store implementation and tool-search engine (Hono's `common.case`
 * pattern). `open` gives an empty store each time; `openTwin` opens another store on the
 * database `open` gave last, as a second registry process would, with the engine asked for.
 */
export function storeContract(
  kind: string,
  toolSearch: ToolSearchKind,
  open: (toolSearch: ToolSearchKind) => Promise<RegistryStore>,
  openTwin: (toolSearch: ToolSearchKind) => Promise<RegistryStore>,
) {
  describe(`${kind} store contract, ${toolSearch} tool search`, () => {
    let store: RegistryStore;
    const opened: RegistryStore[] = [];
    const t = (minute: number) => `2026-11-26T10:${String(minute).padStart(2, '0')}:00.000Z`;

    beforeEach(async () => {
      store = await open(toolSearch);
      expect(store.toolSearch).toBe(toolSearch);
      opened.push(store);
    });
    afterAll(async () => {
      await Promise.all(opened.map((each) => each.close()));
    });

    it('publishes a version with its tools and keeps documents as given', async () => {
      const server = serverJson('io.github.alice/ocr', '1.0.0');
      const record = await store.publish({ server, tools: ocrTools, now: t(1) });
      expect(record.meta).toEqual({ status: 'active', publishedAt: t(1), updatedAt: t(1), isLatest: true });
      expect(JSON.stringify((await store.getVersion('io.github.alice/ocr', '1.0.0'))?.server)).toBe(
        JSON.stringify(server),
      );
      expect(await store.getTools('io.github.alice/ocr', '1.0.0')).toEqual(ocrTools);
      expect(await store.getTools('io.github.alice/ocr', '9.9.9')).toBeUndefined();
    });

    it('refuses to publish the same version twice and changes nothing', async () => {
      await store.publish({ server: serverJson('io.github.alice/ocr', '1.0.0'), tools: ocrTools, now: t(1) });
      const again = store.publish({
        server: serverJson('io.github.alice/ocr', '1.0.0', 'changed'),
        tools: [],
        now: t(2),
      });
      await expect(again).rejects.toBeInstanceOf(VersionExistsError);
      const kept = await store.getVersion('io.github.alice/ocr', '1.0.0');
      expect(kept?.server.description).toBe('Test server io.github.alice/ocr');
      expect(await store.getTools('io.github.alice/ocr', '1.0.0')).toEqual(ocrTools);
    });

    it('decides latest by semver and moves it when a version is deleted', async () => {
      await store.publish({
        server: serverJson('io.github.alice/ocr', '1.10.0'),
        tools: ocrTools,
        now: t(1),
      });
      await store.publish({ server: serverJson('io.github.alice/ocr', '1.9.0'), tools: ocrTools, now: t(2) });
      expect((await store.getVersion('io.github.alice/ocr', 'latest'))?.server.version).toBe('1.10.0');
      const deleted = await store.setStatus('io.github.alice/ocr', '1.10.0', 'deleted', 'broken build', t(3));
      expect(deleted?.changed).toBe(true);
      expect(deleted?.record.meta).toMatchObject({
        status: 'deleted',
        statusMessage: 'broken build',
        updatedAt: t(3),
        isLatest: false,
      });
      expect((await store.getVersion('io.github.alice/ocr', 'latest'))?.server.version).toBe('1.9.0');
      expect(
        await store.setStatus('io.github.alice/ocr', '7.0.0', 'deprecated', undefined, t(4)),
      ).toBeUndefined();
    });

    it('lists in pages, filters by name, version and update time, and hides deleted versions', async () => {
      for (const [i, name] of ['io.github.a/one', 'io.github.b/two', 'io.github.c/three'].entries()) {
        await store.publish({ server: serverJson(name, '1.0.0'), tools: [], now: t(i) });
        await store.publish({ server: serverJson(name, '2.0.0'), tools: [], now: t(i + 10) });
      }
      await store.setStatus('io.github.c/three', '1.0.0', 'deleted', undefined, t(30));
      const seen: string[] = [];
      let page = await store.listServers({ limit: 2 });
      for (;;) {
        seen.push(...page.items.map((item) => `${item.server.name}@${item.server.version}`));
        if (!page.next) break;
        page = await store.listServers({ limit: 2, after: page.next });
      }
      expect(seen).toEqual([
        'io.github.a/one@1.0.0',
        'io.github.a/one@2.0.0',
        'io.github.b/two@1.0.0',
        'io.github.b/two@2.0.0',
        'io.github.c/three@2.0.0',
      ]);
      const latest = await store.listServers({ limit: 10, version: 'latest', search: 'TWO' });
      expect(latest.items.map((item) => item.server.version)).toEqual(['2.0.0']);
      const updated = await store.listServers({ limit: 10, updatedSince: t(11) });
      expect(updated.items.map((item) => item.server.name)).toEqual(['io.github.c/three']);
      expect((await store.listServers({ limit: 10, includeDeleted: true })).items).toHaveLength(6);
      const versions = async (includeDeleted?: boolean) =>
        (await store.listVersions('io.github.c/three', { includeDeleted })).map(
          (item) => `${item.server.version} ${item.meta.status}`,
        );
      expect(await versions()).toEqual(['2.0.0 active']);
      expect(await versions(true)).toEqual(['2.0.0 active', '1.0.0 deleted']);
    });

    it('lists versions newest publication first, whatever their semver order', async () => {
      const name = 'io.github.alice/ocr';
      for (const [i, version] of ['2.0.0', '1.0.0', '1.5.0'].entries())
        await store.publish({ server: serverJson(name, version), tools: [], now: t(i) });
      expect((await store.listVersions(name)).map((item) => item.server.version)).toEqual([
        '1.5.0',
        '1.0.0',
        '2.0.0',
      ]);
      expect(await store.listVersions('io.github.alice/none')).toEqual([]);
    });

    it('stores nothing for a status change that changes nothing', async () => {
      const name = 'io.github.alice/ocr';
      await store.publish({ server: serverJson(name, '1.0.0'), tools: [], now: t(1) });
      await store.setStatus(name, '1.0.0', 'deprecated', 'use 2.x', t(2));
      for (const message of [undefined, '', 'use 2.x']) {
        const again = await store.setStatus(name, '1.0.0', 'deprecated', message, t(3));
        expect(again).toEqual({
          changed: false,
          record: expect.objectContaining({
            meta: {
              status: 'deprecated',
              statusMessage: 'use 2.x',
              publishedAt: t(1),
              updatedAt: t(2),
              isLatest: true,
            },
          }),
        });
      }
      const reworded = await store.setStatus(name, '1.0.0', 'deprecated', 'use 3.x', t(4));
      expect(reworded?.changed).toBe(true);
      expect(reworded?.record.meta).toMatchObject({ statusMessage: 'use 3.x', updatedAt: t(4) });
      // A new status drops the old reason unless one is given.
      const restored = await store.setStatus(name, '1.0.0', 'active', undefined, t(5));
      expect(restored?.record.meta).toEqual({
        status: 'active',
        publishedAt: t(1),
        updatedAt: t(5),
        isLatest: true,
      });
      expect(await store.listServers({ limit: 10, updatedSince: t(4) })).toMatchObject({
        items: [{ meta: { updatedAt: t(5) } }],
      });
    });

    it('changes the status of all versions at once, moves latest, and answers what changed', async () => {
      const name = 'io.github.alice/ocr';
      for (const [i, version] of ['1.0.0', '2.0.0', '1.1.0'].entries())
        await store.publish({ server: serverJson(name, version), tools: ocrTools, now: t(i) });
      await store.publish({ server: serverJson('io.github.alice/other', '1.0.0'), tools: [], now: t(5) });
      await store.setStatus(name, '1.0.0', 'deleted', undefined, t(6));
      const summary = (
        records:
          | { server: { version: string }; meta: { status: string; updatedAt: string; isLatest: boolean } }[]
          | undefined,
      ) =>
        records?.map(
          ({ server, meta }) => `${server.version} ${meta.status} ${meta.updatedAt} ${meta.isLatest}`,
        );

      // 1.0.0 is deleted already: left as it was.
      const deleted = await store.setAllStatuses(name, 'deleted', undefined, t(7));
      expect(summary(deleted)).toEqual([`1.1.0 deleted ${t(7)} false`, `2.0.0 deleted ${t(7)} false`]);
      expect((await store.getVersion(name, '1.0.0'))?.meta.updatedAt).toBe(t(6));
      expect(await store.getVersion(name, 'latest')).toBeUndefined();
      expect(await store.searchTools('read text', 5)).toEqual([]);
      expect(await store.listVersions(name)).toEqual([]);
      expect((await store.getVersion('io.github.alice/other', '1.0.0'))?.meta.status).toBe('active');

      expect(await store.setAllStatuses(name, 'deleted', undefined, t(8))).toEqual([]);
      expect((await store.getVersion(name, '2.0.0'))?.meta.updatedAt).toBe(t(7));

      const restored = await store.setAllStatuses(name, 'deprecated', 'use other', t(9));
      expect(summary(restored)).toEqual([
        `1.1.0 deprecated ${t(9)} false`,
        `2.0.0 deprecated ${t(9)} true`,
        `1.0.0 deprecated ${t(9)} false`,
      ]);
      expect(restored?.map((record) => record.meta.statusMessage)).toEqual([
        'use other',
        'use other',
        'use other',
      ]);
      expect((await store.getVersion(name, 'latest'))?.server.version).toBe('2.0.0');
      expect((await store.searchTools('read text', 5)).map((hit) => hit.version)).toEqual(['2.0.0']);
      expect(await store.setAllStatuses('io.github.alice/none', 'deleted', undefined, t(10))).toBeUndefined();
    });

    it('ranks tools by relevance to a query over the latest versions only', async () => {
      await store.publish({ server: serverJson('io.github.m/ocr', '1.0.0'), tools: ocrTools, now: t(1) });
      await store.publish({
        server: serverJson('io.github.m/detect', '1.0.0'),
        tools: detectTools,
        now: t(2),
      });
      await store.publish({ server: serverJson('io.github.m/face', '1.0.0'), tools: faceTools, now: t(3) });
      await store.publish({ server: serverJson('io.github.m/face', '1.1.0'), tools: faceTools, now: t(4) });
      const text = await store.searchTools('read the text in this photo', 5);
      expect(text[0]?.tool.name).toBe('read_text');
      expect(text[0]?.serverName).toBe('io.github.m/ocr');
      const cats = await store.searchTools('where is the cat?', 5);
      expect(cats.map((hit) => hit.tool.name)).toEqual(['detect_objects']);
      const faces = await store.searchTools('face', 5);
      expect(faces.map((hit) => `${hit.serverName}@${hit.version}`)).toEqual(['io.github.m/face@1.1.0']);
      expect(await store.searchTools('"); DROP TABLE tools; --', 5)).toEqual([]);
      expect(await store.searchTools('   ', 5)).toEqual([]);
      await store.setStatus('io.github.m/ocr', '1.0.0', 'deleted', undefined, t(5));
      expect(await store.searchTools('read text', 5)).toEqual([]);
    });

    it('searches a new latest version at once, and follows status changes both ways', async () => {
      const name = 'io.github.m/ocr';
      await store.publish({ server: serverJson(name, '1.0.0'), tools: ocrTools, now: t(1) });
      await store.publish({ server: serverJson(name, '2.0.0'), tools: faceTools, now: t(2) });
      expect((await store.searchTools('faces', 5)).map((hit) => hit.version)).toEqual(['2.0.0']);
      expect(await store.searchTools('read text', 5)).toEqual([]);
      await store.setStatus(name, '2.0.0', 'deleted', undefined, t(3));
      expect((await store.searchTools('read text', 5)).map((hit) => hit.version)).toEqual(['1.0.0']);
      await store.setStatus(name, '1.0.0', 'deprecated', 'use 2.x', t(4));
      expect((await store.searchTools('read text', 5)).map((hit) => hit.version)).toEqual(['1.0.0']);
      await store.setStatus(name, '2.0.0', 'active', undefined, t(5));
      expect((await store.searchTools('faces', 5)).map((hit) => hit.version)).toEqual(['2.0.0']);
      expect(await store.searchTools('read text', 5)).toEqual([]);
    });

    it('stores names and versions with quotes, backslashes and dollar quotes as given', async () => {
      const name = "io.github.o'brien/x\\y$$z";
      for (const [i, version] of ["1.0.0-it's", '1.0.1-a\\b'].entries())
        await store.publish({ server: serverJson(name, version), tools: ocrTools, now: t(i) });
      expect((await store.getVersion(name, 'latest'))?.server.version).toBe('1.0.1-a\\b');
      expect((await store.searchTools('read text', 5)).map((hit) => hit.serverName)).toEqual([name]);
      await store.setStatus(name, '1.0.1-a\\b', 'deleted', undefined, t(3));
      expect((await store.getVersion(name, 'latest'))?.server.version).toBe("1.0.0-it's");
    });

    it('searches what another process publishes and deletes', async () => {
      const other = await openTwin(toolSearch);
      opened.push(other);
      const name = 'io.github.m/ocr';
      await other.publish({ server: serverJson(name, '1.0.0'), tools: ocrTools, now: t(1) });
      await vi.waitFor(async () => {
        expect((await store.searchTools('read text', 5)).map((hit) => hit.serverName)).toEqual([name]);
      });
      await other.setStatus(name, '1.0.0', 'deleted', undefined, t(2));
      await vi.waitFor(async () => {
        expect(await store.searchTools('read text', 5)).toEqual([]);
      });
      await store.publish({ server: serverJson(name, '1.1.0'), tools: faceTools, now: t(3) });
      await vi.waitFor(async () => {
        expect((await other.searchTools('faces', 5)).map((hit) => hit.version)).toEqual(['1.1.0']);
      });
    });

    it('serialises concurrent publishes: one wins a version, latest stays right', async () => {
      const name = 'io.github.race/x';
      const same = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          store.publish({ server: serverJson(name, '1.0.0'), tools: ocrTools, now: t(1) }),
        ),
      );
      expect(same.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of same) {
        if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(VersionExistsError);
      }
      await Promise.all(
        ['1.2.0', '1.10.0', '1.3.0', '0.9.0'].map((version, i) =>
          store.publish({ server: serverJson(name, version), tools: ocrTools, now: t(2 + i) }),
        ),
      );
      const versions = await store.listVersions(name);
      expect(versions).toHaveLength(5);
      expect(versions[0]?.meta.publishedAt).toBe(t(5));
      expect(
        versions.filter((record) => record.meta.isLatest).map((record) => record.server.version),
      ).toEqual(['1.10.0']);
      expect(await store.getTools(name, '1.0.0')).toEqual(ocrTools);
    });

    toolSearchCases(
      () => store,
      (engine) => openTwin(engine),
    );

    it('finds tokens by hash only', async () => {
      await store.saveToken({ hash: 'abc', namespace: 'io.github.alice', createdAt: t(1) });
      expect(await store.findToken('abc')).toEqual({ namespace: 'io.github.alice' });
      expect(await store.findToken('ABC')).toBeUndefined();
    });
  });
}
