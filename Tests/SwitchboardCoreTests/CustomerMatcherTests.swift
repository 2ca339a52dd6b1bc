import SwitchboardCore
import Testing

@Suite struct CustomerMatcherTests {
    @Test(arguments: [
        ("The Larkspur Press, Ltd.", "larkspur press"),
        ("Harbor & Finch Books", "harbor and finch books"),
        ("Éditions Gallimard SA", "editions gallimard"),
        ("NORTHWIND DISTRIBUTION LIMITED", "northwind distribution"),
        ("The", "the"),
        ("Co", "co"),
    ])
    func companyKeys(_ name: String, _ key: String) {
        #expect(NameNormalizer.companyKey(name) == key)
    }

    @Test func domainsFromURLsAndEmails() {
        #expect(NameNormalizer.domain("https://www.Larkspur.example/about") == "larkspur.example")
        #expect(NameNormalizer.domain("ann@Larkspur.Example") == "larkspur.example")
        #expect(NameNormalizer.domain("larkspur.example.") == "larkspur.example")
        #expect(NameNormalizer.domain("not a domain") == nil)
        #expect(NameNormalizer.domain("localhost") == nil)
    }

    let customers = [
        CustomerMatcher.Customer(id: "c1", name: "Larkspur Press Ltd", domains: ["larkspur.example"]),
        CustomerMatcher.Customer(id: "c2", name: "Finch Holdings", domains: ["harborfinch.example"]),
        CustomerMatcher.Customer(id: "c3", name: "Twin A", domains: ["twins.example"]),
        CustomerMatcher.Customer(id: "c4", name: "Twin B", domains: ["twins.example"]),
    ]

    @Test func nameThenDomainThenEmailDomain() {
        let shared = CustomerMatcher.Organization(id: 99, name: "Somewhere", domainNames: [], userEmailDomains: ["common.example": 3])
        let other = CustomerMatcher.Organization(id: 98, name: "Elsewhere", domainNames: [], userEmailDomains: ["common.example": 1])
        let viaEmail = CustomerMatcher.Organization(id: 4, name: "HF Books", domainNames: [], userEmailDomains: ["gmail.com": 9, "harborfinch.example": 2, "common.example": 5])
        let matcher = CustomerMatcher(customers: customers, organizations: [shared, other, viaEmail])
        #expect(matcher.match(.init(id: 1, name: "The Larkspur Press", domainNames: ["elsewhere.example"])) == .name(customerID: "c1"))
        #expect(matcher.match(.init(id: 2, name: "Harbor & Finch", domainNames: ["www.harborfinch.example"])) == .domain(customerID: "c2", domain: "harborfinch.example"))
        #expect(matcher.match(viaEmail) == .emailDomain(customerID: "c2", domain: "harborfinch.example"))
        #expect(matcher.match(shared) == .none)
        #expect(matcher.match(.init(id: 5, name: "Twins Ltd", domainNames: ["twins.example"])) == .ambiguous(["c3", "c4"]))
        #expect(matcher.match(.init(id: 6, name: nil, domainNames: [])) == .none)
    }
}
