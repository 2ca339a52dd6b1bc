import Foundation
import Sandbox
import SwitchboardTestSupport

/// Carries the WhatsApp sandbox's webhooks to the node by hand — the exact bodies and `X-Hub-Signature-256` values the
/// sandbox signed, POSTed over HTTP to `/webhooks/whatsapp/{connection}` — instead of letting the sandbox deliver them
/// in the background. A test then knows when a webhook has been taken in (the POST answered), and can leave out the
/// `sent` and `delivered` statuses that cannot change what it checks: it keeps inbound messages and `failed` statuses.
/// Each webhook is claimed once, so several tasks can relay side by side; ``isIdle`` says none is being posted.
actor SandboxWebhookRelay {
    private var claimed: Set<Int> = []
    private var posting = 0

    /// Post every webhook the sandbox recorded that nobody claimed yet; returns how many were posted.
    @discardableResult
    func relay(_ harness: WhatsAppHarness) async throws -> Int {
        let records = harness.sandbox.webhooks().filter { record in
            !claimed.contains(record.id) && (record.kind != "status" || record.detail == "failed")
        }
        for record in records { claimed.insert(record.id) }
        posting += 1
        defer { posting -= 1 }
        for record in records {
            let response = try await harness.post(record.body, signature: record.signature)
            guard response.status == 200 else { throw HarnessError("the node answered \(response.status) to webhook \(record.id): \(response.body)") }
        }
        return records.count
    }

    var isIdle: Bool { posting == 0 }
}
