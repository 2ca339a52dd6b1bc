import Foundation
import LooseJSON
import SwitchboardStore

/// What `whatsapp.handle_failed_message` did with a failed message, as the step's output — so the flow's next step
/// (telling the owner) can run only when it matters: `if: [{field: steps.X.outcome, equals: dead_lettered}]`.
struct FailedMessageOutcome: Sendable {
    enum Kind: String, Sendable {
        /// Resent as a template (or found already resent by an earlier run).
        case retriedAsTemplate = "retried_as_template"
        /// Given up on: a dead letter keeps it for `switchboard deadletters replay`.
        case deadLettered = "dead_lettered"
        /// Nothing to do: not a failed message Switchboard sent, or the contact opted out.
        case ignored
    }

    var kind: Kind
    var reason: String
    var failed: MessageRecord?
    var resendTemplate: String?
    var resent: SendOutcome?
    var deadLetterID: String?

    var json: JSONValue {
        let error = failed?.error
        let errorText = error.map(MessageDeadLetterPayload.describe)
        return .object([
            "outcome": .string(kind.rawValue), "reason": .string(reason),
            "code": error?.code.map { .number(Double($0)) } ?? .null, "error": errorText.map(JSONValue.string) ?? .null,
            "message_id": text(failed?.id), "wamid": text(failed?.wamid), "contact_id": text(failed?.contactID), "to": text(failed?.waID),
            "template": text(resendTemplate),
            "retry_status": text(resent?.status.rawValue), "retry_message_id": text(resent?.record?.id), "retry_wamid": text(resent?.record?.wamid),
            "dead_letter_id": text(deadLetterID),
        ])
    }

    private func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
