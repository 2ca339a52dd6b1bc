import ConnectorKit
import Foundation
import SwitchboardStore
import WhatsAppKit

/// A stored WhatsApp connection with its decrypted secrets, ready to build a client or verify a webhook.
///
/// `description` and `dump` never show the access token, app secret or verify token.
public struct WhatsAppConnection: Sendable, CustomStringConvertible, CustomReflectable {
    public var record: ConnectionRecord
    public var phoneNumberID: String
    public var wabaID: String?
    public var apiVersion: GraphAPIVersion
    public var accessToken: String
    /// Signs every webhook (`X-Hub-Signature-256`).
    public var appSecret: String
    /// Answers Meta's subscription handshake (`hub.verify_token`).
    public var verifyToken: String
    public var settings: WhatsAppConnectionSettings

    public var name: String { record.name }
    public var baseURL: String { record.baseURL }

    public var configuration: WhatsAppConfiguration {
        WhatsAppConfiguration(baseURL: record.baseURL, apiVersion: apiVersion, phoneNumberID: phoneNumberID, accessToken: accessToken)
    }

    public var description: String {
        "WhatsApp connection \(record.name) (\(record.baseURL), \(apiVersion), phone number id \(phoneNumberID)\(wabaID.map { ", WABA \($0)" } ?? ""))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["name": record.name, "baseURL": record.baseURL, "phoneNumberID": phoneNumberID, "wabaID": wabaID as Any,
                                "apiVersion": apiVersion, "secrets": "[redacted]", "settings": settings])
    }
}

/// Connecting, loading, listing and disconnecting WhatsApp business numbers.
///
/// The access token, app secret and verify token are sealed together with the master key (like Zendesk and Consonance
/// credentials) and never printed. Connection names share one namespace with the other connectors, so the default
/// name is `whatsapp`. The Cloud API has no cheap "who am I" call the sandbox and Meta both answer, so connecting
/// checks the values' shape and stores them; a wrong token shows up as a 401 on the first send.
public struct WhatsAppConnections: Sendable {
    public static let kind = "whatsapp"
    public static let defaultName = "whatsapp"
    public let store: Store
    public let secrets: SecretBox

    public init(store: Store, secrets: SecretBox) {
        self.store = store
        self.secrets = secrets
    }

    /// Check and store a connection (replacing one of the same name, keeping its creation time).
    public func connect(name: String = WhatsAppConnections.defaultName, baseURL: String = WhatsAppConfiguration.defaultBaseURL,
                        apiVersion: GraphAPIVersion = .default, phoneNumberID: String, wabaID: String? = nil, accessToken: String,
                        appSecret: String, verifyToken: String, settings: WhatsAppConnectionSettings = WhatsAppConnectionSettings()) async throws {
        let base = try Self.normalise(baseURL: baseURL)
        let phone = phoneNumberID.trimmingCharacters(in: .whitespaces)
        guard !phone.isEmpty else { throw WhatsAppConnectError.missing("--phone-number-id (the id of the business number, not its digits)") }
        guard !accessToken.trimmingCharacters(in: .whitespaces).isEmpty else { throw WhatsAppConnectError.missing("--token (a system-user access token)") }
        guard !appSecret.isEmpty else { throw WhatsAppConnectError.missing("--app-secret (App settings → Basic → App secret)") }
        guard !verifyToken.isEmpty else { throw WhatsAppConnectError.missing("--verify-token (the text you enter as Verify token in the webhook setup)") }
        let now = Int64(Date().timeIntervalSince1970)
        let record = ConnectionRecord(name: name, kind: Self.kind, baseURL: base, principal: "phone number id \(phone)", settings: settings.jsonText,
                                      createdAt: now, updatedAt: now)
        let stored = StoredSecrets(phoneNumberID: phone, wabaID: wabaID?.trimmingCharacters(in: .whitespaces).nilIfEmpty, apiVersion: apiVersion.rawValue,
                                   accessToken: accessToken.trimmingCharacters(in: .whitespacesAndNewlines), appSecret: appSecret, verifyToken: verifyToken)
        let sealed = Array(try JSONEncoder().encode(stored))
        try await store.transaction { [secrets] session in
            let existing = try await session.connection(named: name)
            if let existing, existing.kind != Self.kind { throw WhatsAppConnectError.nameTaken(name: name, kind: existing.kind) }
            var saved = record
            if let existing { saved.createdAt = existing.createdAt }
            try await session.saveSecret(sealed, name: record.secretName, box: secrets)
            try await session.saveConnection(saved)
        }
    }

    public func load(name: String = WhatsAppConnections.defaultName) async throws -> WhatsAppConnection {
        let (record, sealed) = try await store.session { [secrets] session -> (ConnectionRecord?, [UInt8]?) in
            guard let record = try await session.connection(named: name), record.kind == Self.kind else { return (nil, nil) }
            return (record, try await session.loadSecret(name: record.secretName, box: secrets))
        }
        guard let record else { throw WhatsAppConnectError.notConnected(name) }
        guard let sealed else { throw StoreError.secret("the secrets of connection \"\(name)\" are missing; reconnect with switchboard connect whatsapp") }
        guard let stored = try? JSONDecoder().decode(StoredSecrets.self, from: Data(sealed)) else {
            throw StoreError.secret("the stored secrets of connection \"\(name)\" have an unknown shape; reconnect with switchboard connect whatsapp")
        }
        let settings = (try? JSONDecoder().decode(WhatsAppConnectionSettings.self, from: Data(record.settings.utf8))) ?? WhatsAppConnectionSettings()
        return WhatsAppConnection(record: record, phoneNumberID: stored.phoneNumberID, wabaID: stored.wabaID, apiVersion: GraphAPIVersion(stored.apiVersion),
                                  accessToken: stored.accessToken, appSecret: stored.appSecret, verifyToken: stored.verifyToken, settings: settings)
    }

    /// Every stored WhatsApp connection (records only: no secrets), by name.
    public func list() async throws -> [ConnectionRecord] {
        try await store.session { try await $0.connections() }.filter { $0.kind == Self.kind }.sorted { $0.name < $1.name }
    }

    /// Change the stored settings (opt-out keywords, window margin, pacing).
    public func update(name: String = WhatsAppConnections.defaultName, _ change: @escaping @Sendable (inout WhatsAppConnectionSettings) -> Void) async throws {
        try await store.transaction { session in
            guard var record = try await session.connection(named: name), record.kind == Self.kind else { throw WhatsAppConnectError.notConnected(name) }
            var settings = (try? JSONDecoder().decode(WhatsAppConnectionSettings.self, from: Data(record.settings.utf8))) ?? WhatsAppConnectionSettings()
            change(&settings)
            record.settings = settings.jsonText
            record.updatedAt = Int64(Date().timeIntervalSince1970)
            try await session.saveConnection(record)
        }
    }

    /// Remove the connection and its secrets; message history and contacts are kept. Returns false when there was
    /// no such connection.
    @discardableResult
    public func disconnect(name: String = WhatsAppConnections.defaultName) async throws -> Bool {
        try await store.transaction { session in
            guard let record = try await session.connection(named: name), record.kind == Self.kind else { return false }
            try await session.deleteSecret(name: record.secretName)
            try await session.deleteConnection(named: name)
            return true
        }
    }

    /// `https://graph.facebook.com` or a sandbox's `http://127.0.0.1:port`: scheme and host, no path, no trailing slash.
    static func normalise(baseURL: String) throws -> String {
        var text = baseURL.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host?.isEmpty == false else {
            throw WhatsAppConnectError.badBaseURL(baseURL)
        }
        return text
    }

    private struct StoredSecrets: Codable {
        var phoneNumberID: String
        var wabaID: String?
        var apiVersion: String
        var accessToken: String
        var appSecret: String
        var verifyToken: String
    }
}

/// Why a WhatsApp connection could not be stored or found, phrased for the person at the keyboard.
public enum WhatsAppConnectError: Error, Sendable, CustomStringConvertible {
    case missing(String)
    case badBaseURL(String)
    case notConnected(String)
    case nameTaken(name: String, kind: String)

    public var description: String {
        switch self {
        case .missing(let what): return "missing \(what). Nothing was stored."
        case .badBaseURL(let url): return "\"\(url)\" is not an http(s) address such as https://graph.facebook.com. Nothing was stored."
        case .notConnected(let name):
            return "no WhatsApp connection named \"\(name)\"; connect with: switchboard connect whatsapp --phone-number-id ID --token TOKEN --app-secret SECRET --verify-token TEXT"
        case .nameTaken(let name, let kind): return "the connection name \"\(name)\" is already used by a \(kind) connection; choose another with --name"
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
