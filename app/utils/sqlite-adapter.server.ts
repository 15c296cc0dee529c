import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * The better-sqlite3 adapter, tuned for a server and fixed for the migration engine:
 * - every connection runs with WAL (readers never block the writer), foreign keys enforced,
 *   NORMAL sync (safe with WAL) and a 5 s busy timeout instead of an immediate SQLITE_BUSY;
 * - parameterless raw SQL that holds several statements (a migration file replayed by the
 *   WASM schema engine) runs through exec(), which better-sqlite3's prepare() refuses.
 *   See docs/decisions/003-prisma-sqlite-without-engines.md.
 */
export class ProvenanceSqliteAdapter extends PrismaBetterSQLite3 {
  constructor(url: string, options?: { shadowDatabaseUrl?: string }) {
    super({ url, timeout: 5000 }, options);
  }

  override async connect(): Promise<Adapter> {
    return tune(await super.connect());
  }

  override async connectToShadowDb(): Promise<Adapter> {
    return tune(await super.connectToShadowDb());
  }
}

async function tune(adapter: Adapter): Promise<Adapter> {
  await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}
