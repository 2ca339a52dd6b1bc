import ConnectorKit
import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport

/// The WhatsApp side of ``RecipeHarness``: a sandbox connected as the `whatsapp` connection, the publishing
/// templates registered in Switchboard as Meta would have approved them, and helpers to put people in the contacts
/// directory and to read what reached their phones.
extension RecipeHarness {
    static func startWhatsApp(callbackURL: String, store: Store, secrets: SecretBox) async throws -> WhatsAppSandbox {
        var configuration = WhatsAppSandboxConfiguration.fastForTests(seed: 9, callbackURL: callbackURL)
        configuration.webhookDelivery.timeout = .seconds(30)
        configuration.pairRateLimit = .disabled
        let sandbox = WhatsAppSandbox(configuration: configuration)
        let port = try await sandbox.start()
        try await WhatsAppConnections(store: store, secrets: secrets).connect(
            baseURL: "http://127.0.0.1:\(port)", phoneNumberID: configuration.phoneNumberID, accessToken: configuration.accessToken,
            appSecret: configuration.appSecret, verifyToken: configuration.verifyToken)
        try await WhatsAppConnections(store: store, secrets: secrets).update { $0.pairSpacingSeconds = 0 }
        let now = Int64(Date().timeIntervalSince1970)
        try await store.session { session in
            for template in WhatsAppTemplate.publishingDefaults {
                try await session.upsertTemplate(RegisteredTemplate(
                    name: template.name, language: template.language, category: template.category, body: template.body,
                    bodyParameters: (0..<template.bodyParameterCount).map { String($0 + 1) },
                    buttons: template.quickReplies.map { RegisteredTemplateButton(text: $0, payload: Self.payload($0)) }, status: .approved, updatedAt: now))
            }
        }
        return sandbox
    }

    /// The quick-reply payload the recipes' docs register for a button label: "Ask a question" → `ask_a_question`.
    static func payload(_ label: String) -> String {
        label.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: "_")
    }

    var whatsapp: WhatsAppSandbox {
        get throws {
            guard let whatsappSandbox else { throw HarnessError("this harness has no WhatsApp sandbox (pass whatsapp: true)") }
            return whatsappSandbox
        }
    }

    /// Add an opted-in person to the directory, linked to the title (ISBN-13 or work id) in each of `roles`.
    @discardableResult
    func addContact(_ name: String, waID: String, roles: [ContactRole], isbn13: String? = nil, workID: Int64? = nil, optedIn: Bool = true) async throws -> MessagingContact {
        let now = Int64(Date().timeIntervalSince1970) - 120
        var title: ContactTitleReference?
        if let isbn13 { title = .isbn(try require(ISBN(isbn13), "a valid ISBN")) } else if let workID { title = .work(workID) }
        return try await store.session { [title] session in
            var contact = try await session.upsertContact(ContactDetails(name: name, phone: try PhoneNumber(waID: waID), roles: roles), now: now).contact
            if let title { for role in roles { try await session.linkContact(id: contact.id, toTitle: title, role: role, now: now) } }
            if optedIn { contact = try await session.optInContact(id: contact.id, at: now) ?? contact }
            return contact
        }
    }

    /// Poll `condition` until it holds or `timeout` passes; returns whether it held.
    func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    /// POST `json` to the node's admin API; the decoded JSON object back.
    @discardableResult
    func adminPost(_ path: String, _ json: [String: Any] = [:]) async throws -> [String: Any] {
        let response = try await TestHTTP.request("POST", nodeURL + path, headers: ["Authorization": "Bearer \(Self.adminToken)", "Content-Type": "application/json"],
                                                  body: Array(try JSONSerialization.data(withJSONObject: json)))
        guard (200..<300).contains(response.status) else { throw HarnessError("POST \(path): \(response.status) \(response.body)") }
        return response.json as? [String: Any] ?? [:]
    }

    /// What the sandbox accepted for `waID`, oldest first.
    func messages(to waID: String) throws -> [WhatsAppSentMessage] { try whatsapp.sentMessages(to: waID) }

    /// The contact taps `button` on the latest message to `waID` that offers it; fails when none does.
    func tap(_ button: String, latestTo waID: String) throws {
        let offered = try messages(to: waID).last { message in message.buttons.contains { $0.id == button || $0.title == button } }
        guard let offered, try whatsapp.tap(button, on: offered.id) != nil else { throw HarnessError("no message to \(waID) offers \(button)") }
    }
}

private func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw HarnessError("missing \(what)") }
    return value
}
