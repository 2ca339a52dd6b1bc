/// One successful change to a ticket, as webhooks and triggers see it: the ticket before and after, and the audit
/// that describes the change.
///
/// Every ticket mutation (HTTP or Swift API) records one in the overlay; the store hands them to its observer once the
/// mutation has committed, so events and triggers fire exactly for what really changed.
struct TicketChange: Sendable {
    enum Kind: Sendable, Equatable {
        case created, updated, deleted
    }

    var kind: Kind
    /// `nil` for a creation.
    var before: TicketRecord?
    var after: TicketRecord
    var audit: AuditRecord
}
