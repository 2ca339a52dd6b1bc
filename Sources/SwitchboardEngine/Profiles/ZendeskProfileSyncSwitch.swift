import Foundation
import SwitchboardStore

/// The per-connection switch of outbound profile sync (``ZendeskConnectionSettings/profileSync``): on by default for
/// every Zendesk connection, turned off with `switchboard connect zendesk --no-profile-sync` or ``set(_:connection:store:)``.
/// Inbound sync (Zendesk users into profiles) is not switched here: what Zendesk may write is decided per field by the
/// `zendesk` source's permissions.
public enum ZendeskProfileSyncSwitch {
    /// Whether profile changes are pushed to `connection`'s users; nil when there is no such Zendesk connection.
    public static func isOn(connection: String, in session: StoreSession) async throws -> Bool? {
        guard let record = try await session.connection(named: connection), record.kind == ZendeskConnections.kind else { return nil }
        return settings(of: record).profileSync
    }

    /// Turn outbound profile sync on or off for a stored connection, keeping its other settings. Returns false when
    /// there is no such Zendesk connection.
    @discardableResult
    public static func set(_ on: Bool, connection: String, store: Store, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> Bool {
        try await store.transaction { session in
            guard var record = try await session.connection(named: connection), record.kind == ZendeskConnections.kind else { return false }
            var settings = settings(of: record)
            settings.profileSync = on
            record.settings = settings.jsonText
            record.updatedAt = now
            try await session.saveConnection(record)
            return true
        }
    }

    static func settings(of record: ConnectionRecord) -> ZendeskConnectionSettings {
        (try? JSONDecoder().decode(ZendeskConnectionSettings.self, from: Data(record.settings.utf8))) ?? ZendeskConnectionSettings()
    }
}
