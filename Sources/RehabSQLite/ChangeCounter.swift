import GRDB

extension Store {
    /// SQLite's `PRAGMA data_version` on the store's one connection: it changes when another
    /// connection (the CLI in a second shell) commits, and not for this store's own writes,
    /// which the app reloads after anyway. Cheap enough to poll on the app's key timeout.
    public func dataVersion() throws -> Int64 {
        try queue.read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
