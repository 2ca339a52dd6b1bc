/// What a Graph / Cloud API error code means for Switchboard, so callers branch on meaning rather than numbers.
///
/// Codes come from `error.code` of a synchronous Graph error (§4.1 of the reference) or from `errors[].code` in a
/// status or system webhook; both paths classify the same way (``init(code:)``). Codes not listed in the reference
/// fall back to ``unknown(_:)``, which is treated as terminal unless the server marked the error transient.
public enum WhatsAppErrorKind: Sendable, Hashable, CustomStringConvertible {
    /// 130429: the business number's messages-per-second throughput was reached. Back off the whole number.
    case throughputLimitReached
    /// 131056: too many messages to one recipient in a short time. Back off that recipient only.
    case pairRateLimitHit
    /// 4, 80007, 133016: an app-, account- or registration-level call rate limit. Back off and retry.
    case callRateLimited
    /// 131047: more than 24 hours since the user last wrote. Resend as an approved template.
    case customerServiceWindowClosed
    /// 131026: the message cannot be delivered to this number (not on WhatsApp, old app, terms not accepted). No retry.
    case undeliverable
    /// 130472, 130497, 131050: the recipient cannot be messaged (experiment, country restriction, opted out of marketing). Skip.
    case recipientUnavailable
    /// 131049: held back by Meta to protect ecosystem engagement (marketing). Retry no sooner than 24 hours.
    case marketingHeldBack
    /// 132000: the number of template parameters does not match the approved template.
    case templateParameterCountMismatch
    /// 132001: the template does not exist or is not approved in that language.
    case templateNotFound
    /// 132015: the template is paused for low quality.
    case templatePaused
    /// 132016: the template is disabled for low quality.
    case templateDisabled
    /// 132005, 132007, 132008, 132012: the hydrated template is too long, breaks format policy or has malformed parameters.
    case templateParameterInvalid
    /// 190 (and 0): the access token expired or is invalid. Rotate it.
    case accessTokenInvalid
    /// 3, 10, 200–299, 131005: a permission or capability is missing, or the asset is not shared with the system user.
    case permissionDenied
    /// 33, 131030, 131045: configuration problems (deleted number, recipient not on the test allow-list, certificate).
    case misconfigured
    /// 100, 131008, 131009, 131021, 131051: the request itself is wrong (a bug). Do not retry unchanged.
    case invalidRequest
    /// 131052, 131053: media could not be downloaded or uploaded. Fix the media, then retry.
    case mediaFailed
    /// 1, 2, 131000, 131016, 131057: a temporary failure on Meta's side. Retry with back-off.
    case temporarilyUnavailable
    /// 368, 131031, 131042, 131048, 131064: the account is blocked, locked, limited for quality or has a payment problem.
    case accountRestricted
    /// 135000: a generic user error; the details say more.
    case genericUserError
    /// No Graph error arrived: the connection failed, timed out, or the server answered without an error envelope.
    case transportFailure
    /// A code the reference does not list.
    case unknown(Int)

    /// Classifies a Graph / Cloud API error code.
    public init(code: Int) {
        switch code {
        case 130429: self = .throughputLimitReached
        case 131056: self = .pairRateLimitHit
        case 4, 80007, 133016: self = .callRateLimited
        case 131047: self = .customerServiceWindowClosed
        case 131026: self = .undeliverable
        case 130472, 130497, 131050: self = .recipientUnavailable
        case 131049: self = .marketingHeldBack
        case 132000: self = .templateParameterCountMismatch
        case 132001: self = .templateNotFound
        case 132015: self = .templatePaused
        case 132016: self = .templateDisabled
        case 132005, 132007, 132008, 132012: self = .templateParameterInvalid
        case 0, 190: self = .accessTokenInvalid
        case 3, 10, 200...299, 131005: self = .permissionDenied
        case 33, 131030, 131045: self = .misconfigured
        case 100, 131008, 131009, 131021, 131051: self = .invalidRequest
        case 131052, 131053: self = .mediaFailed
        case 1, 2, 131000, 131016, 131057: self = .temporarilyUnavailable
        case 368, 131031, 131042, 131048, 131064: self = .accountRestricted
        case 135000: self = .genericUserError
        default: self = .unknown(code)
        }
    }

    /// Whether sending the same request again later can succeed without changing it.
    public var isRetryable: Bool {
        switch self {
        case .throughputLimitReached, .pairRateLimitHit, .callRateLimited, .marketingHeldBack, .temporarilyUnavailable, .transportFailure:
            return true
        default:
            return false
        }
    }

    /// What Switchboard should do about it (the "Switchboard action" column of the reference's §4.2).
    public var suggestedAction: WhatsAppErrorAction {
        switch self {
        case .throughputLimitReached: return .backOffBusinessNumber
        case .pairRateLimitHit: return .backOffRecipient
        case .callRateLimited, .temporarilyUnavailable, .transportFailure: return .retryWithBackoff
        case .marketingHeldBack: return .retryAfter(.seconds(24 * 3600))
        case .customerServiceWindowClosed: return .resendAsTemplate
        case .undeliverable: return .markFailed
        case .recipientUnavailable: return .skipRecipient
        case .templateParameterCountMismatch, .templateNotFound, .templateParameterInvalid: return .fixTemplateCall
        case .templatePaused, .templateDisabled: return .switchTemplate
        case .accessTokenInvalid: return .rotateAccessToken
        case .permissionDenied, .misconfigured: return .fixConfiguration
        case .invalidRequest: return .fixRequest
        case .mediaFailed: return .fixMedia
        case .accountRestricted: return .stopSending
        case .genericUserError, .unknown: return .inspect
        }
    }

    /// Whether an operator should hear about it (credentials, configuration, template quality, account health).
    public var needsOperatorAttention: Bool {
        switch self {
        case .accessTokenInvalid, .permissionDenied, .misconfigured, .accountRestricted, .templatePaused, .templateDisabled,
             .templateNotFound, .templateParameterCountMismatch, .templateParameterInvalid, .invalidRequest, .unknown:
            return true
        default:
            return false
        }
    }

    public var description: String {
        switch self {
        case .throughputLimitReached: return "throughput limit reached"
        case .pairRateLimitHit: return "pair rate limit hit"
        case .callRateLimited: return "call rate limited"
        case .customerServiceWindowClosed: return "customer service window closed"
        case .undeliverable: return "undeliverable"
        case .recipientUnavailable: return "recipient unavailable"
        case .marketingHeldBack: return "marketing message held back"
        case .templateParameterCountMismatch: return "template parameter count mismatch"
        case .templateNotFound: return "template missing or not approved"
        case .templatePaused: return "template paused"
        case .templateDisabled: return "template disabled"
        case .templateParameterInvalid: return "template parameters invalid"
        case .accessTokenInvalid: return "access token expired or invalid"
        case .permissionDenied: return "permission denied"
        case .misconfigured: return "misconfigured"
        case .invalidRequest: return "invalid request"
        case .mediaFailed: return "media failed"
        case .temporarilyUnavailable: return "temporarily unavailable"
        case .accountRestricted: return "account restricted"
        case .genericUserError: return "user error"
        case .transportFailure: return "transport failure"
        case .unknown(let code): return "unknown error \(code)"
        }
    }
}

/// The response Switchboard should take to a ``WhatsAppErrorKind``, so the engine maps errors to behaviour in one place.
public enum WhatsAppErrorAction: Sendable, Hashable {
    /// Retry the same request later with exponential back-off.
    case retryWithBackoff
    /// Pause every send from this business number for a while, then retry (130429).
    case backOffBusinessNumber
    /// Pause sends to this recipient only, then retry (131056).
    case backOffRecipient
    /// Retry no sooner than the given delay.
    case retryAfter(Duration)
    /// The free-form message cannot go out: send an approved template instead.
    case resendAsTemplate
    /// Record the message as failed; retrying will not help.
    case markFailed
    /// Do not message this recipient (now); not an error of ours.
    case skipRecipient
    /// Correct the template name, language or parameters.
    case fixTemplateCall
    /// Use another template and alert: this one is paused or disabled.
    case switchTemplate
    /// Replace the access token and alert.
    case rotateAccessToken
    /// Fix permissions or settings and alert.
    case fixConfiguration
    /// The request is wrong: a bug to fix, not to retry.
    case fixRequest
    /// Fix or re-upload the media, then retry.
    case fixMedia
    /// Stop sending from this account and alert.
    case stopSending
    /// No rule applies: read the details.
    case inspect
}
