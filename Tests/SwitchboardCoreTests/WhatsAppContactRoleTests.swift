import Testing

@testable import SwitchboardCore

@Suite struct WhatsAppContactRoleTests {
    @Test(arguments: [
        ("author", ContactRole.author), ("Production lead", .productionLead), ("PRODUCTION_LEAD", .productionLead), ("production-lead", .productionLead),
        ("  Rights Holder ", .rightsHolder), ("rightsholder", .rightsHolder), ("Publicity", .publicity), ("co-ordinator", .coordinator),
        ("Finance", .finance), ("printer", .printer),
    ])
    func parsesWhatPeopleType(_ text: String, _ expected: ContactRole) throws {
        #expect(try ContactRole(parsing: text) == expected)
    }

    @Test func everyRoleParsesFromItsLabelAndRawValue() throws {
        #expect(ContactRole.allCases.count == 13)
        for role in ContactRole.allCases {
            #expect(try ContactRole(parsing: role.label) == role)
            #expect(try ContactRole(parsing: role.rawValue.uppercased()) == role)
        }
        #expect(ContactRole.productionLead.label == "production lead")
    }

    @Test func unknownRoleListsTheValidOnes() {
        do {
            _ = try ContactRole(parsing: "typesetter")
            Issue.record("typesetter was accepted")
        } catch {
            #expect(error.description.hasPrefix("\"typesetter\" is not a role; valid roles: author, editor, production lead, designer"))
            #expect(error.description.hasSuffix("finance, coordinator"))
        }
        #expect(throws: ContactRoleError.self) { try ContactRole(parsing: "") }
    }

    @Test func rolesSortInDeclarationOrder() {
        #expect([ContactRole.coordinator, .author, .productionLead, .editor].sorted() == [.author, .editor, .productionLead, .coordinator])
    }
}
