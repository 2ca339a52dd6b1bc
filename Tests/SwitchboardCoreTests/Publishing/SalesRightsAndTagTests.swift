import Testing

@testable import SwitchboardCore

@Suite struct SalesRightsSummaryTests {
    @Test(arguments: [
        ([], [], true, "World"),
        (["GB"], [], true, "World"),
        ([], ["US", "CA"], true, "World except CA, US"),
        (["WORLD"], [], false, "World"),
        (["GB", "IE", "AU"], ["US", "CA"], false, "For sale in AU, GB, IE; not for sale in CA, US"),
        (["gb", " IE ", "GB", "AU", "ie"], [], false, "For sale in AU, GB, IE"),
        ([], ["US"], false, "Not for sale in US"),
        ([], [], false, "No sales rights stated"),
        (["GB IE", "AU"], [], false, "For sale in AU, GB, IE"),
        (["GB", "US"], ["US"], false, "For sale in GB; not for sale in US"),
    ] as [([String], [String], Bool, String)])
    func texts(_ forSale: [String], _ notForSale: [String], _ worldwide: Bool, _ expected: String) {
        #expect(SalesRightsSummary.text(forSale: forSale, notForSale: notForSale, worldwide: worldwide) == expected)
        #expect(SalesRightsSummary(forSale: forSale.reversed(), notForSale: notForSale.reversed(), worldwide: worldwide).description == expected)
    }

    @Test func longListsAreShortened() {
        let codes = (0..<20).map { "C\(Character(UnicodeScalar(UInt8(65 + $0))))" }  // CA, CB, … CT
        let text = SalesRightsSummary.text(forSale: codes.shuffled(), notForSale: [], worldwide: false)
        #expect(text == "For sale in CA, CB, CC, CD, CE, CF, CG, CH, CI, CJ, CK, CL and 8 more")
    }
}

@Suite struct ZendeskTagNameTests {
    @Test func isbnTags() throws {
        let isbn = try #require(ISBN("0-306-40615-2"))
        #expect(ZendeskTagName.isbn(isbn) == "isbn_9780306406157")
        #expect(ZendeskTagName.isbn(fromTag: "isbn_9780306406157") == isbn)
        #expect(ZendeskTagName.isbn(fromTag: "ISBN_9780306406157") == isbn)
        #expect(ZendeskTagName.isbn(fromTag: "isbn_0306406152") == isbn)
        #expect(ZendeskTagName.isbn(fromTag: "isbn_9780306406158") == nil)
        #expect(ZendeskTagName.isbn(fromTag: "isbn_978-0306406157") == nil)
        #expect(ZendeskTagName.isbn(fromTag: "imprint_larkspur_press") == nil)
        #expect(ZendeskTagName.isbn(fromTag: "isbn_") == nil)
    }

    @Test(arguments: [
        ("Larkspur Press", "imprint_larkspur_press"),
        ("Éditions du Seuil", "imprint_editions_du_seuil"),
        ("  The Larkspur Press, Ltd.  ", "imprint_the_larkspur_press_ltd"),
        ("Faber & Faber", "imprint_faber_faber"),
        ("Verlag Straße Øst", "imprint_verlag_strasse_ost"),
        ("Łódź Æsop Œuvres", "imprint_lodz_aesop_oeuvres"),
        ("Penguin--Random___House", "imprint_penguin_random_house"),
        ("ＦＵＬＬ ｗｉｄｔｈ 42", "imprint_full_width_42"),
        ("Señor—Libros™", "imprint_senor_libros"),
    ])
    func imprintTags(_ name: String, _ tag: String) {
        #expect(ZendeskTagName.imprint(name) == tag)
    }

    @Test func imprintTagEdgeCases() {
        let long = ZendeskTagName.imprint(String(repeating: "Very Long Imprint Name ", count: 10))
        #expect(long.count <= ZendeskTagName.maximumLength)
        #expect(long.hasPrefix("imprint_very_long_imprint_name_"))
        #expect(!long.hasSuffix("_"))
        let japanese = ZendeskTagName.imprint("講談社")
        #expect(japanese.hasPrefix("imprint_x") && japanese.count == "imprint_x".count + 8)
        #expect(japanese == ZendeskTagName.imprint("講談社"))
        #expect(japanese != ZendeskTagName.imprint("新潮社"))
        #expect(ZendeskTagName.imprint("").hasPrefix("imprint_x"))
    }

    @Test func formatTags() {
        #expect(FormatFamily.allCases.map(ZendeskTagName.format) == [
            "format_hardback", "format_paperback", "format_print", "format_ebook", "format_audio", "format_other",
        ])
        for family in FormatFamily.allCases {
            #expect(ZendeskTagName.formatFamily(fromTag: ZendeskTagName.format(family)) == family)
        }
        #expect(ZendeskTagName.format(ProductForm(code: "AJ").family) == "format_audio")
        #expect(ZendeskTagName.formatFamily(fromTag: "format_vinyl") == nil)
    }
}
