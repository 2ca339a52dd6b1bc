import Testing

@testable import SwitchboardCore

@Suite struct WhatsAppContactsCSVTests {
    @Test func readsAGoodFile() throws {
        let csv = ContactsCSV(text: """
            name,phone,email,roles,isbns,titles,consonance_contact_id,opted_in,language
            Ada Author,+44 20 7946 0958,Ada@Example.com,Author,978-0-306-40615-7;0306406152,The Salt Road,42,yes,en-gb
            "Ed Itor, Jr.",0044 7700 900123,,Editor;Production lead,,work:17,,FALSE,
            Pat Printer,+1 650 555 1234,print@example.com,printer,,,,,
            """)
        #expect(csv.problems == [])
        #expect(csv.isValid)
        #expect(csv.rows.count == 3)
        let ada = try #require(csv.rows.first)
        #expect(ada.line == 2)
        #expect(ada.phone.e164 == "+442079460958")
        #expect(ada.email == "ada@example.com")
        #expect(ada.roles == [.author])
        #expect(ada.titles.map(\.key) == ["isbn:9780306406157", "title:salt road"])  // the ISBN-10 is the same book
        #expect(ada.consonanceContactID == 42)
        #expect(ada.optedIn == true)
        #expect(ada.language == "en_GB")
        #expect(csv.rows[1].name == "Ed Itor, Jr.")
        #expect(csv.rows[1].roles == [.editor, .productionLead])
        #expect(csv.rows[1].titles == [.work(17)])
        #expect(csv.rows[1].optedIn == false)
        #expect(csv.rows[2].optedIn == nil)
        #expect(csv.rows[2].titles.isEmpty)
    }

    @Test func reportsEveryBadRowWithItsLineAndField() {
        let csv = ContactsCSV(text: """
            Name,Phone,Email,Roles,ISBNs,Opted In,Language
            Good One,+44 20 7946 0958,good@example.com,author,,yes,en
            ,+44 20,not-an-email,author;typesetter,9780306406158,maybe,english
            Bad Phone,020 7946 0001,,editor,,,
            Dup,+44 (0)20 7946 0958,,author,,,
            Too,+44 20 7946 0002,,,,,,,
            Titles Without Roles,+44 20 7946 0003,,,9780306406157,,
            """, defaultCountryCallingCode: nil)
        #expect(csv.rows.map(\.name) == ["Good One"])
        let lines = csv.problems.map(\.description)
        #expect(lines.contains("line 3: name: is empty"))
        #expect(lines.contains { $0.hasPrefix("line 3: phone: \"+44 20\" is too short") })
        #expect(lines.contains("line 3: email: \"not-an-email\" is not an email address"))
        #expect(lines.contains { $0.hasPrefix("line 3: roles: \"typesetter\" is not a role; valid roles: author, editor, production lead") })
        #expect(lines.contains("line 3: isbns: \"9780306406158\" is not a valid ISBN (wrong length or check digit)"))
        #expect(lines.contains("line 3: opted_in: \"maybe\" is not yes/no/true/false"))
        #expect(lines.contains("line 3: language: \"english\" is not a language code such as en or en_GB"))
        #expect(lines.contains { $0.hasPrefix("line 4: phone: \"020 7946 0001\" has no country code") })
        #expect(lines.contains("line 5: phone: +442079460958 is already on line 2"))
        #expect(lines.contains("line 6: row: 9 fields but the header has 7"))
        #expect(lines.contains { $0.hasPrefix("line 7: roles: is empty but the row lists titles") })
        #expect(csv.problems.filter { $0.line == 3 }.count == 7)
    }

    @Test func defaultCountryCallingCodeForNationalNumbers() {
        let csv = ContactsCSV(text: "name,phone\nAda,020 7946 0958\n", defaultCountryCallingCode: "44")
        #expect(csv.problems == [])
        #expect(csv.rows.first?.phone.e164 == "+442079460958")
    }

    @Test func lineNumbersCountQuotedNewlines() {
        let csv = ContactsCSV(text: "name,phone\n\"Two\nLines\",+44 20 7946 0958\nBad,12\n")
        #expect(csv.rows.first?.name == "Two\nLines")
        #expect(csv.problems.map(\.line) == [4])
    }

    @Test func headerProblems() {
        let missing = ContactsCSV(text: "name,mobile number\nAda,+44 20 7946 0958\n")
        #expect(missing.problems.map(\.description) == [
            "line 1: header: unknown column \"mobile number\" (known: name, phone, email, roles, isbns, titles, consonance_contact_id, opted_in, language)",
            "line 1: header: missing column \"phone\"",
        ])
        #expect(missing.rows.isEmpty)
        let aliases = ContactsCSV(text: "Name,Mobile,Role,ISBN,Consent,Lang\nAda,+44 20 7946 0958,author,9780306406157,y,fr\n")
        #expect(aliases.problems == [])
        #expect(aliases.rows.first?.optedIn == true)
        #expect(aliases.rows.first?.language == "fr")
    }

    @Test func unreadableFilesAreOneProblem() {
        #expect(ContactsCSV(text: "").problems.map(\.description) == ["line 1: file: the file is empty; expected a header row"])
        #expect(ContactsCSV(text: "name,phone\n\"Ada,+44\n").problems.map(\.description) == ["line 2: file: a quoted field is never closed"])
    }

    @Test func titleReferences() throws {
        #expect(try ContactTitleReference(parsing: "ISBN 978-0-306-40615-7") == .isbn(ISBN("9780306406157")!))
        #expect(try ContactTitleReference(parsing: "work:42") == .work(42))
        #expect(try ContactTitleReference(parsing: "The Salt Road").key == "title:salt road")
        #expect(throws: ContactTitleReferenceError.invalidISBN("978-0-306-40615-8")) { try ContactTitleReference(parsing: "978-0-306-40615-8") }
        #expect(throws: ContactTitleReferenceError.invalidWorkID("work:x")) { try ContactTitleReference(parsing: "work:x") }
        #expect(throws: ContactTitleReferenceError.invalidISBN("Salt Road")) { try ContactTitleReference(parsing: "Salt Road", allowTitles: false) }
    }

    @Test func languageCodes() {
        #expect(WhatsAppLanguageCode.normalised("en") == "en")
        #expect(WhatsAppLanguageCode.normalised("EN-gb") == "en_GB")
        #expect(WhatsAppLanguageCode.normalised("pt_BR") == "pt_BR")
        #expect(WhatsAppLanguageCode.normalised("english") == nil)
        #expect(WhatsAppLanguageCode.normalised("en_GBR") == nil)
    }
}
