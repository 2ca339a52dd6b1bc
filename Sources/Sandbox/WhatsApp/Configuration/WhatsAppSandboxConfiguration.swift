import Foundation

/// Everything that shapes a WhatsApp sandbox: the business number it impersonates, the credentials it accepts, the
/// webhook it calls, the limits it enforces and how fast (and how unreliably) it reports back.
///
/// Defaults imitate a Cloud API test number with Meta's documented limits; `fastForTests` keeps the behaviour but
/// shrinks every delay so end-to-end tests finish in milliseconds.
public struct WhatsAppSandboxConfiguration: Sendable {
    public static let defaultAccessToken = "sandbox-whatsapp-token"
    public static let defaultAppSecret = "sandbox-app-secret"
    public static let defaultVerifyToken = "sandbox-verify-token"

    /// Seed of every generated id (`wamid.…`, media ids, trace ids) and of duplicate deliveries.
    public var seed: UInt64
    /// The bearer token `POST /{version}/{phone-number-id}/messages` requires.
    public var accessToken: String
    /// The business phone number's **id** (the path segment, `metadata.phone_number_id`).
    public var phoneNumberID: String
    /// Its digits (`metadata.display_phone_number`, `context.from` of replies).
    public var displayPhoneNumber: String
    /// The WhatsApp Business Account id (`entry[].id` of webhooks).
    public var businessAccountID: String
    /// Where webhooks go; `nil` keeps them in the log only. Changeable at runtime.
    public var callbackURL: String?
    /// Key of `X-Hub-Signature-256`.
    public var appSecret: String
    /// Sent as `hub.verify_token` in the GET handshake.
    public var verifyToken: String
    /// Messages per second a phone number may send (Meta: 80 by default) before 130429.
    public var throughputPerSecond: Int
    /// Per-recipient pacing (131056).
    public var pairRateLimit: PairRateLimit
    /// When `sent`, `delivered` and `read` follow an accepted message.
    public var statusTiming: StatusTiming
    /// Retries, back-off and duplicates of webhook deliveries.
    public var webhookDelivery: WhatsAppWebhookOptions
    /// Approved templates at start; `WhatsAppTemplate.publishingDefaults` unless replaced.
    public var templates: [WhatsAppTemplate]
    /// How long an inbound message keeps the customer service window open (24 hours).
    public var serviceWindow: Duration
    /// The sandbox's clock (tests may substitute one).
    public var now: @Sendable () -> Date

    public init(seed: UInt64 = 1,
                accessToken: String = WhatsAppSandboxConfiguration.defaultAccessToken,
                phoneNumberID: String = "106540352242922",
                displayPhoneNumber: String = "15550783881",
                businessAccountID: String = "419561257915477",
                callbackURL: String? = nil,
                appSecret: String = WhatsAppSandboxConfiguration.defaultAppSecret,
                verifyToken: String = WhatsAppSandboxConfiguration.defaultVerifyToken,
                throughputPerSecond: Int = 80,
                pairRateLimit: PairRateLimit = PairRateLimit(),
                statusTiming: StatusTiming = StatusTiming(),
                webhookDelivery: WhatsAppWebhookOptions = WhatsAppWebhookOptions(),
                templates: [WhatsAppTemplate] = WhatsAppTemplate.publishingDefaults,
                serviceWindow: Duration = .seconds(24 * 3600),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.seed = seed
        self.accessToken = accessToken
        self.phoneNumberID = phoneNumberID
        self.displayPhoneNumber = displayPhoneNumber
        self.businessAccountID = businessAccountID
        self.callbackURL = callbackURL
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.throughputPerSecond = throughputPerSecond
        self.pairRateLimit = pairRateLimit
        self.statusTiming = statusTiming
        self.webhookDelivery = webhookDelivery
        self.templates = templates
        self.serviceWindow = serviceWindow
        self.now = now
    }

    /// Millisecond status delays, 20 ms between webhook retries, no duplicates.
    public static func fastForTests(seed: UInt64 = 1, callbackURL: String? = nil) -> WhatsAppSandboxConfiguration {
        WhatsAppSandboxConfiguration(seed: seed, callbackURL: callbackURL, statusTiming: .fast,
                                     webhookDelivery: .fastForTests)
    }
}

/// Meta's pair rate limit: about one message every 6 seconds from a business number to one user, with short bursts
/// tolerated but borrowed from later quota — a token bucket of `burst` tokens refilled one per `interval`.
public struct PairRateLimit: Sendable, Equatable {
    public var isEnabled: Bool
    /// Time to earn one more message.
    public var interval: Duration
    /// Messages that may go out back to back.
    public var burst: Int

    public init(isEnabled: Bool = true, interval: Duration = .seconds(6), burst: Int = 45) {
        self.isEnabled = isEnabled
        self.interval = interval
        self.burst = max(1, burst)
    }

    public static let disabled = PairRateLimit(isEnabled: false)
}

/// Delays, counted from acceptance, after which the status webhooks of a message are sent. `read == nil` leaves
/// messages delivered but unread.
public struct StatusTiming: Sendable, Equatable {
    public var sent: Duration
    public var delivered: Duration
    public var read: Duration?

    public init(sent: Duration = .milliseconds(50), delivered: Duration = .milliseconds(120),
                read: Duration? = .milliseconds(200)) {
        self.sent = sent
        self.delivered = delivered
        self.read = read
    }

    /// 2, 4 and 6 ms.
    public static let fast = StatusTiming(sent: .milliseconds(2), delivered: .milliseconds(4), read: .milliseconds(6))
}
