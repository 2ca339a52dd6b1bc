import Foundation

/// Decides which Switchboard customer a Zendesk organization belongs to.
///
/// Rules, in order: an exact match of normalised names; then a domain the customer owns that appears in
/// the organization's `domain_names`; then a domain the customer owns that is the email domain of the
/// organization's users (ignoring public mail providers and domains shared by several organizations).
/// When a rule finds more than one customer the result is ``Match/ambiguous(_:)`` and nothing is linked:
/// a wrong automatic link is worse than none, and the user can map it by hand.
public struct CustomerMatcher: Sendable {
    /// A customer as the matcher sees it.
    public struct Customer: Sendable, Equatable {
        public var id: String
        public var name: String
        public var domains: [String]

        public init(id: String, name: String, domains: [String]) {
            self.id = id
            self.name = name
            self.domains = domains
        }
    }

    /// An organization as the matcher sees it.
    public struct Organization: Sendable, Equatable {
        public var id: Int64
        public var name: String?
        public var domainNames: [String]
        /// Email domains of the organization's users, with how many users have each.
        public var userEmailDomains: [String: Int]

        public init(id: Int64, name: String?, domainNames: [String], userEmailDomains: [String: Int] = [:]) {
            self.id = id
            self.name = name
            self.domainNames = domainNames
            self.userEmailDomains = userEmailDomains
        }
    }

    public enum Match: Sendable, Equatable {
        case name(customerID: String)
        case domain(customerID: String, domain: String)
        case emailDomain(customerID: String, domain: String)
        case ambiguous([String])
        case none

        public var customerID: String? {
            switch self {
            case .name(let id), .domain(let id, _), .emailDomain(let id, _): return id
            case .ambiguous, .none: return nil
            }
        }

        /// The method as stored with a link: `name`, `domain` or `email_domain`.
        public var method: String {
            switch self {
            case .name: return "name"
            case .domain: return "domain"
            case .emailDomain: return "email_domain"
            case .ambiguous: return "ambiguous"
            case .none: return "none"
            }
        }

        public var detail: String? {
            switch self {
            case .domain(_, let domain), .emailDomain(_, let domain): return domain
            case .ambiguous(let ids): return ids.joined(separator: ",")
            default: return nil
            }
        }
    }

    private let byName: [String: [String]]
    private let byDomain: [String: [String]]
    private let sharedEmailDomains: Set<String>

    /// - Parameter organizations: every organization, used to find email domains shared by several of them.
    public init(customers: [Customer], organizations: [Organization] = []) {
        var byName: [String: [String]] = [:]
        var byDomain: [String: [String]] = [:]
        for customer in customers {
            let key = NameNormalizer.companyKey(customer.name)
            if !key.isEmpty { byName[key, default: []].append(customer.id) }
            for domain in Set(customer.domains.compactMap(NameNormalizer.domain)) { byDomain[domain, default: []].append(customer.id) }
        }
        var owners: [String: Int] = [:]
        for organization in organizations {
            for domain in organization.userEmailDomains.keys { owners[domain, default: 0] += 1 }
        }
        self.byName = byName
        self.byDomain = byDomain
        self.sharedEmailDomains = Set(owners.filter { $0.value > 1 }.keys)
    }

    public func match(_ organization: Organization) -> Match {
        if let name = organization.name {
            let candidates = byName[NameNormalizer.companyKey(name)] ?? []
            if candidates.count == 1 { return .name(customerID: candidates[0]) }
            if candidates.count > 1 { return .ambiguous(candidates.sorted()) }
        }
        if let match = matchDomains(organization.domainNames.compactMap(NameNormalizer.domain), make: { .domain(customerID: $0, domain: $1) }) {
            return match
        }
        let emailDomains = organization.userEmailDomains
            .filter { !NameNormalizer.freeMailDomains.contains($0.key) && !sharedEmailDomains.contains($0.key) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map(\.key)
        return matchDomains(emailDomains, make: { .emailDomain(customerID: $0, domain: $1) }) ?? .none
    }

    private func matchDomains(_ domains: [String], make: (String, String) -> Match) -> Match? {
        var found: [String: String] = [:]
        for domain in domains {
            for id in byDomain[domain] ?? [] where found[id] == nil { found[id] = domain }
        }
        if found.count == 1, let (id, domain) = found.first { return make(id, domain) }
        if found.count > 1 { return .ambiguous(found.keys.sorted()) }
        return nil
    }
}
