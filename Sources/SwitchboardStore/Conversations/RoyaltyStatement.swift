import Foundation

/// A royalty statement that is ready for a payee (an author or agent), imported from the royalty system's CSV or
/// through the admin API, because Consonance's API has no royalty data (reference §9). Its `identityKey` (an explicit
/// id, else payee + period + title) makes importing the same file twice a no-op, so nobody is notified twice.
public struct RoyaltyStatement: Sendable, Equatable {
    public var id: String
    public var identityKey: String
    /// The id the royalty system gave the statement, when the file has one.
    public var externalID: String?
    /// A contact id (`wac_…`) or an E.164 number; nil means the title's contacts with the payee roles.
    public var payee: String?
    public var payeeName: String?
    public var isbn13: String?
    public var title: String?
    /// The statement period as the royalty system writes it (`2025-H1`, `Jan–Jun 2025`).
    public var period: String
    /// What the statement is called in the message ({{1}}); defaults to the title, else "your titles".
    public var label: String?
    public var amount: String?
    public var currency: String?
    /// Where it came from: the CSV file name, or `api`.
    public var source: String?
    /// `ready`, `acknowledged` or `payment_issue`.
    public var status: String
    public var acknowledgedBy: String?
    public var acknowledgedByName: String?
    public var acknowledgedAt: Int64?
    public var issueReportedBy: String?
    public var issueReportedByName: String?
    public var issueReportedAt: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64

    public static let statuses = ["ready", "acknowledged", "payment_issue"]

    public init(id: String = PublishingIDs.make("roy"), identityKey: String, externalID: String? = nil, payee: String? = nil, payeeName: String? = nil,
                isbn13: String? = nil, title: String? = nil, period: String, label: String? = nil, amount: String? = nil, currency: String? = nil,
                source: String? = nil, status: String = "ready", acknowledgedBy: String? = nil, acknowledgedByName: String? = nil, acknowledgedAt: Int64? = nil,
                issueReportedBy: String? = nil, issueReportedByName: String? = nil, issueReportedAt: Int64? = nil, createdAt: Int64, updatedAt: Int64? = nil) {
        self.id = id
        self.identityKey = identityKey
        self.externalID = externalID
        self.payee = payee
        self.payeeName = payeeName
        self.isbn13 = isbn13
        self.title = title
        self.period = period
        self.label = label
        self.amount = amount
        self.currency = currency
        self.source = source
        self.status = status
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedByName = acknowledgedByName
        self.acknowledgedAt = acknowledgedAt
        self.issueReportedBy = issueReportedBy
        self.issueReportedByName = issueReportedByName
        self.issueReportedAt = issueReportedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The statement's name in messages: its label, else its title, else "your titles".
    public var displayLabel: String { label ?? title ?? "your titles" }
}
