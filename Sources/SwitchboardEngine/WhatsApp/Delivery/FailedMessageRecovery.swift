import Foundation
import WhatsAppKit

/// What delivery tracking does with an outbound message WhatsApp accepted and later reported `failed`, decided from
/// the status's error code alone (never its title or message), so the rule is one table that docs and tests share:
///
/// | Codes | Meaning | Decision |
/// |---|---|---|
/// | 131047 | the 24-hour window closed before the message arrived | resend as a template (templates may go outside the window) |
/// | 130429, 131056 | number throughput / pair rate limit reported after acceptance | resend as a template (the pacer spaces it) |
/// | 1, 2, 131000, 131016, 131057 | a temporary failure on Meta's side | resend as a template |
/// | 4, 80007, 133016 | an app or account call-rate limit | resend as a template |
/// | 131026 | undeliverable (not on WhatsApp, old app, terms not accepted) | dead letter |
/// | 130472, 130497, 131050 | the recipient cannot be messaged | dead letter |
/// | 131049 | held back for marketing engagement; not before 24 h | dead letter (replay it tomorrow) |
/// | 132000–132016 | template problems (parameters, missing, paused, disabled) | dead letter (fix the template, then replay) |
/// | 131052, 131053 | media could not be fetched | dead letter |
/// | 0, 190, 3, 10, 200–299, 33, 100, 131005–131051, 368, 131031–131064, 135000 | credentials, configuration, request or account problems | dead letter |
/// | anything else, or no code | unknown | dead letter |
///
/// A message that was itself a resend (or a replay) is never resent again: a second failure is dead-lettered, so a
/// flow cannot loop on a number that keeps failing. A template that failed with 131047 is dead-lettered too —
/// templates are exempt from the window, so something else is wrong.
enum FailedMessageRecovery: Equatable {
    /// Resend the message as a template; the reason is for the step's output.
    case resendAsTemplate(reason: String)
    /// Give up on the message: dead-letter it and let the flow tell its owner.
    case deadLetter(reason: String)

    /// The decision for error `code` of a message of `kind` (`text`, `template`, …); `isResend` when the message was
    /// already a resend or a replay of another one.
    static func decide(code: Int?, kind: String, isResend: Bool) -> FailedMessageRecovery {
        guard let code else { return .deadLetter(reason: "WhatsApp gave no error code, so it is not known whether resending can help") }
        let errorKind = WhatsAppErrorKind(code: code)
        let recoverable: String?
        switch errorKind {
        case .customerServiceWindowClosed:
            recoverable = kind == "template" ? nil : "the contact's 24-hour window closed before it arrived (131047); templates may be sent outside it"
        case .throughputLimitReached, .pairRateLimitHit, .callRateLimited:
            recoverable = "WhatsApp was over a rate limit (\(code)); it is resent at the paced rate"
        case .temporarilyUnavailable:
            recoverable = "a temporary failure at WhatsApp (\(code))"
        default:
            recoverable = nil
        }
        if let recoverable {
            if isResend { return .deadLetter(reason: "the resent message failed too (\(code)); it is not resent a second time") }
            return .resendAsTemplate(reason: recoverable)
        }
        return .deadLetter(reason: deadLetterReason(errorKind, code: code, kind: kind))
    }

    static func deadLetterReason(_ errorKind: WhatsAppErrorKind, code: Int, kind: String) -> String {
        switch errorKind {
        case .customerServiceWindowClosed: return "a template failed with 131047 (window closed), which templates are exempt from; check the template and the number"
        case .undeliverable: return "WhatsApp cannot deliver to this number (131026: not on WhatsApp, an old app, or terms not accepted)"
        case .recipientUnavailable: return "the recipient cannot be messaged from this business number (\(code))"
        case .marketingHeldBack: return "WhatsApp held the message back to limit marketing (131049); replay it no sooner than 24 hours later"
        case .templateParameterCountMismatch, .templateNotFound, .templatePaused, .templateDisabled, .templateParameterInvalid:
            return "a template problem (\(code): \(errorKind)); fix or replace the template, then replay"
        case .mediaFailed: return "WhatsApp could not fetch the message's media (\(code))"
        case .accessTokenInvalid, .permissionDenied, .misconfigured: return "the connection needs attention (\(code): \(errorKind)); fix it, then replay"
        case .accountRestricted: return "the business account is restricted (\(code)); stop sending and check WhatsApp Manager"
        case .invalidRequest, .genericUserError: return "WhatsApp refused the message as invalid (\(code))"
        default: return "WhatsApp reported error \(code), which Switchboard does not know how to recover from"
        }
    }

    var reason: String {
        switch self {
        case .resendAsTemplate(let reason), .deadLetter(let reason): reason
        }
    }
}
