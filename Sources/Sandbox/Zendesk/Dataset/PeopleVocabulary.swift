/// Word lists for generated people and organizations: names, publisher-like company names, places and time zones.
///
/// Names are chosen by index arithmetic (not at random) so that every generated e-mail address is unique and can be
/// mapped back to its user without an index in memory.
enum PeopleVocabulary {
    static let firstNames = [
        "Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur", "Freya", "Theo", "Ivy", "Oscar", "Grace",
        "Finn", "Ella", "Jude", "Ruby", "Elias", "Hazel", "Felix", "Nora", "Hugo", "Clara", "Miles", "Iris", "Rowan",
        "Lucy", "Ezra", "Alice", "Silas", "Maya", "Jasper", "Esme", "Caleb", "Aria", "Otis", "Sophie", "Ronan",
        "Matilda", "Idris", "Priya", "Tomás", "Chiara", "Kenji", "Amara", "Lars", "Zofia", "Mateo", "Leila", "Anton",
        "Ines", "Yusuf", "Greta", "Rafael", "Saoirse", "Dmitri", "Aiko", "Emeka", "Lotte", "Sven", "Beatriz", "Ravi",
        "Margot", "Niamh",
    ]

    static let lastNames = [
        "Hart", "Okafor", "Lindqvist", "Moreau", "Patel", "Whitaker", "Nakamura", "Byrne", "Castillo", "Fischer",
        "Abernathy", "Kowalski", "Osei", "Rossi", "Thornton", "Vance", "Delacroix", "Haddad", "Iverson", "Jovanovic",
        "Keller", "Larsen", "Mbeki", "Novak", "O'Brien", "Petrov", "Quinn", "Reyes", "Sato", "Tanaka", "Umber",
        "Varga", "Walsh", "Xu", "Yilmaz", "Zimmerman", "Ashby", "Blackwood", "Carver", "Dunmore", "Ellery", "Fairfax",
        "Greaves", "Holloway", "Ingram", "Jessop", "Kingsley", "Lockhart", "Marlowe", "Nightingale", "Oakes",
        "Pemberton", "Radcliffe", "Sinclair", "Thackeray", "Underwood", "Vickers", "Wainwright", "Yardley",
        "Ainsworth", "Brennan", "Calloway", "Dashwood", "Everly",
    ]

    static let organizationWords = [
        "Larkspur", "Harbor", "Northwind", "Juniper", "Kestrel", "Meridian", "Bramble", "Cobalt", "Foxglove", "Granite",
        "Heron", "Inkwell", "Lantern", "Marigold", "Nettle", "Orchard", "Pinecone", "Quillon", "Riverside", "Saffron",
        "Thistle", "Umbra", "Vellum", "Willow", "Yarrow", "Alder", "Beacon", "Cinder", "Driftwood", "Ember", "Fennel",
        "Gull", "Hollow", "Ivory", "Jasper", "Kite", "Loom", "Moss", "Nimbus", "Otter", "Paper", "Raven", "Slate",
        "Tidewater", "Wren",
    ]

    static let partnerWords = [
        "Finch", "Crane", "Hale", "Marsh", "Stone", "Birch", "Wolfe", "Ash", "Vale", "Reed", "Lyle", "Frost",
    ]

    /// Company name patterns; `{1}` and `{2}` are replaced by words.
    static let organizationPatterns = [
        "{1} Press", "{1} & {2} Books", "{1} Distribution Ltd", "{1} Publishing", "{1} Books", "{1} & {2} Editions",
        "{1} Literary Agency", "{1} Bookshop", "{1} Library Services", "{1} Media Group",
    ]

    static let organizationDetails = [
        "Independent bookshop chain", "Wholesale distributor", "University library consortium", "Literary agency",
        "Trade customer since 2012", "Online retailer", "School supplier", "Audiobook platform partner",
    ]

    static let organizationTags = ["retailer", "wholesale", "library", "agency", "education", "key_account", "export"]

    /// (Zendesk time-zone name, IANA name, locale, locale id)
    static let zones: [(String, String, String, Int)] = [
        ("London", "Europe/London", "en-GB", 1176),
        ("Eastern Time (US & Canada)", "America/New_York", "en-US", 1),
        ("Pacific Time (US & Canada)", "America/Los_Angeles", "en-US", 1),
        ("Berlin", "Europe/Berlin", "de", 8),
        ("Paris", "Europe/Paris", "fr", 16),
        ("Dublin", "Europe/Dublin", "en-GB", 1176),
        ("Sydney", "Australia/Sydney", "en-AU", 1175),
        ("Tokyo", "Asia/Tokyo", "ja", 67),
    ]

    /// E.164 country prefixes matching the zones above.
    static let phonePrefixes = ["+4420", "+1212", "+1415", "+4930", "+331", "+3531", "+612", "+813"]

    static let userTags = ["newsletter", "trade", "author", "reviewer", "bookseller", "librarian", "student"]
}
