import Foundation
import SwitchboardStore
import WhatsAppKit

/// What a refused or failed WhatsApp send means for the flow step: retry (after holding the number or the person
/// back), resend as the fallback template (131047, the window closed on Meta's side), or give up with a message an
/// operator can act on. A send whose outcome is unknown is never resent blindly.
enum WhatsAppSendFailure {
    enum Handling {
        case retry(ActionError)
        case resendAsTemplate
        case fail(ActionError)
        /// The request may have been carried out: record it as unresolved and stop.
        case outcomeUnknown(ActionError)
    }

    /// Marks a message record whose send may or may not have gone through (see ``WhatsAppSender``).
    static let outcomeUnknownTitle = "outcome unknown"

    static func handling(of error: WhatsAppError, hasFallback: Bool) -> Handling {
        let response = error.rawBody.isEmpty ? nil : error.rawBody
        if error.outcomeUnknown {
            return .outcomeUnknown(.permanent("\(error.description). It may have been delivered, so it is not resent automatically; check the conversation and start the flow again if it did not arrive", response: response))
        }
        switch error.code {
        case 130429?, 131056?, 1?, 2?, 131000?, 131016?:
            return .retry(.transient(error.description, response: response))
        case 131047?:
            return hasFallback ? .resendAsTemplate
                : .fail(.permanent("\(error.description): the contact's 24-hour window is closed; give the step a fallback_template", response: response))
        case 131026?:
            return .fail(.permanent("\(error.description): the message cannot be delivered to this number (not on WhatsApp, or an old app)", response: response))
        case 132000?:
            return .fail(.permanent("\(error.description): body_params does not match the template's placeholders", response: response))
        case 132001?:
            return .fail(.permanent("\(error.description): the template does not exist in this language or is not approved at Meta", response: response))
        case 132015?, 132016?:
            return .fail(.permanent("\(error.description): the template is paused or disabled at Meta; mark it with switchboard templates set NAME --status paused and use another", response: response))
        case 190?:
            return .fail(.permanent("\(error.description): the connection's access token is invalid or expired; reconnect it", response: response))
        default:
            return error.isRetryable ? .retry(.transient(error.description, response: response)) : .fail(.permanent(error.description, response: response))
        }
    }

    /// The delivery error stored on the message record.
    static func deliveryError(_ error: WhatsAppError) -> MessageDeliveryError {
        if error.outcomeUnknown { return MessageDeliveryError(code: error.code.map(Int64.init), title: outcomeUnknownTitle, details: error.description) }
        return MessageDeliveryError(code: Int64(error.code ?? error.httpStatus ?? -1), title: "\(error.kind)", details: error.description)
    }

    /// How long to hold back after a rate-limit answer (reference §3.2: global back-off on 130429, per recipient on 131056).
    static func holdBack(_ error: WhatsAppError) -> (connection: Duration?, recipient: Duration?) {
        switch error.suggestedAction {
        case .backOffBusinessNumber: return (.seconds(2), nil)
        case .backOffRecipient: return (nil, .seconds(12))
        default: return (nil, nil)
        }
    }
}
