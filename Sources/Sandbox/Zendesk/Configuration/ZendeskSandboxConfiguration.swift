import Foundation

/// Everything that shapes one Zendesk sandbox: the generated dataset, who may log in, budgets, faults and the clock.
///
/// Every knob has a production-like default, so `ZendeskSandboxConfiguration()` behaves like a small Zendesk
/// Enterprise account; tests override the clock, the export lag and the limits to make behaviour fast and exact.
public struct ZendeskSandboxConfiguration: Sendable {
    /// Seed of the deterministic dataset; the same seed always yields the same records.
    public var seed: UInt64
    /// Number of generated tickets (ids `1…ticketCount`).
    public var ticketCount: Int
    /// Comments per generated ticket (clamped to `1…9`); comment 0 is the description.
    public var commentsPerTicket: ClosedRange<Int>
    /// Agents; default `max(3, ticketCount / 2000)`. The first agent is the admin.
    public var agentCount: Int?
    /// End users; default `max(10, ticketCount / 4)`.
    public var endUserCount: Int?
    /// Organizations; default `max(5, ticketCount / 40)`.
    public var organizationCount: Int?
    /// E-mail address of the admin user (the first agent).
    public var adminEmail: String
    /// API tokens by user e-mail, for `Basic base64("{email}/token:{token}")`.
    public var credentials: [String: String]
    /// Accepted OAuth access tokens, for `Bearer {token}`; they authenticate as the admin.
    public var oauthTokens: Set<String>
    /// OAuth clients for the authorization-code flow (`/oauth/authorizations/new`, `/oauth/tokens`);
    /// default ``OAuthClientRegistration/sandboxDefault``.
    public var oauthClients: [OAuthClientRegistration] = [.sandboxDefault]
    /// How the sandbox's authorization page answers (sandbox-only; Zendesk asks the signed-in user).
    public var oauthConsent: OAuthConsent = .allow
    /// How long an authorization code can be exchanged (Zendesk: 120 seconds).
    public var oauthCodeLifetime: Duration = .seconds(120)
    /// Request budgets.
    public var rateLimits: RateLimitSpec
    /// Injected faults (changeable at runtime with `ZendeskSandbox.setFaults(_:)`).
    public var faults: FaultMix
    /// Seed of the fault generator; defaults to a value derived from `seed`.
    public var faultSeed: UInt64?
    /// Records newer than `now − exportLag` are hidden from incremental exports (Zendesk: one minute).
    public var exportLag: Duration
    /// How many requests the request log keeps (oldest dropped first).
    public var requestLogCapacity: Int
    /// Duplicates, timeout and retry delays of outbound webhook deliveries.
    public var webhookDelivery: WebhookDeliveryOptions
    /// The sandbox clock; inject a controllable one in tests.
    public var now: @Sendable () -> Date

    public init(
        seed: UInt64 = 1,
        ticketCount: Int = 1_000,
        commentsPerTicket: ClosedRange<Int> = 3...7,
        agentCount: Int? = nil,
        endUserCount: Int? = nil,
        organizationCount: Int? = nil,
        adminEmail: String = "admin@example.com",
        credentials: [String: String]? = nil,
        oauthTokens: Set<String> = [],
        rateLimits: RateLimitSpec = .zendeskDefault,
        faults: FaultMix = .none,
        faultSeed: UInt64? = nil,
        exportLag: Duration = .seconds(60),
        requestLogCapacity: Int = 100_000,
        webhookDelivery: WebhookDeliveryOptions = WebhookDeliveryOptions(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.seed = seed
        self.ticketCount = ticketCount
        self.commentsPerTicket = commentsPerTicket
        self.agentCount = agentCount
        self.endUserCount = endUserCount
        self.organizationCount = organizationCount
        self.adminEmail = adminEmail
        self.credentials = credentials ?? [adminEmail: "sandbox-token"]
        self.oauthTokens = oauthTokens
        self.rateLimits = rateLimits
        self.faults = faults
        self.faultSeed = faultSeed
        self.exportLag = exportLag
        self.requestLogCapacity = requestLogCapacity
        self.webhookDelivery = webhookDelivery
        self.now = now
    }
}
