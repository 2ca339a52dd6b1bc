/// Word lists behind the generated Consonance catalogue: imprints, people, titles, stages, rights.
///
/// Names carry an ASCII form for e-mail addresses, so "Zoë Ó Briain" gets `zoe.obriain@authors.example`.
enum ConsonanceVocabulary {
    /// The first three imprints always exist (one with diacritics); the others are drawn from the rest.
    static let imprints: [(name: String, host: String)] = [
        ("Larkspur Press", "larkspurpress.example"), ("Harbour Lights", "harbourlights.example"),
        ("Éditions Mirabelle", "editionsmirabelle.example"), ("Blackthorn Books", "blackthornbooks.example"),
        ("Saltmarsh Editions", "saltmarsheditions.example"), ("Kestrel Children's Books", "kestrelbooks.example"),
        ("Northwind Audio", "northwindaudio.example"), ("Quillon & Vane", "quillonvane.example"),
        ("Greyfriars Academic", "greyfriarsacademic.example"),
    ]

    static let firstNames: [(display: String, ascii: String)] = [
        ("Amelia", "amelia"), ("Oliver", "oliver"), ("Zoë", "zoe"), ("Siân", "sian"), ("José", "jose"),
        ("Chloé", "chloe"), ("Björn", "bjorn"), ("Aoife", "aoife"), ("Priya", "priya"), ("Tomás", "tomas"),
        ("Hannah", "hannah"), ("Samuel", "samuel"), ("Grace", "grace"), ("Daniel", "daniel"), ("Isla", "isla"),
        ("Kwame", "kwame"), ("Mei", "mei"), ("Farah", "farah"), ("Lucas", "lucas"), ("Nadia", "nadia"),
        ("Eleanor", "eleanor"), ("Rhys", "rhys"), ("Freya", "freya"), ("Arjun", "arjun"), ("Imogen", "imogen"),
        ("Callum", "callum"), ("Ngozi", "ngozi"), ("Hélène", "helene"), ("Mateo", "mateo"), ("Ingrid", "ingrid"),
        ("Yusuf", "yusuf"), ("Esther", "esther"), ("Theo", "theo"), ("Rosa", "rosa"), ("Felix", "felix"),
        ("Martha", "martha"), ("Kenji", "kenji"), ("Orla", "orla"), ("Jakub", "jakub"), ("Ada", "ada"),
        ("William", "william"), ("Leila", "leila"), ("Hugo", "hugo"), ("Maeve", "maeve"), ("Ravi", "ravi"),
        ("Beatrice", "beatrice"), ("Finn", "finn"), ("Ayesha", "ayesha"), ("Jonah", "jonah"), ("Clara", "clara"),
    ]

    static let lastNames: [(display: String, ascii: String)] = [
        ("Smith", "smith"), ("Okafor", "okafor"), ("Ó Briain", "obriain"), ("Müller", "muller"), ("Patel", "patel"),
        ("Fernández", "fernandez"), ("Lindqvist", "lindqvist"), ("Hughes", "hughes"), ("Nakamura", "nakamura"),
        ("O'Connell", "oconnell"), ("Mensah", "mensah"), ("Kowalski", "kowalski"), ("Davies", "davies"),
        ("Achterberg", "achterberg"), ("Bianchi", "bianchi"), ("Campbell", "campbell"), ("Dubois", "dubois"),
        ("Evans", "evans"), ("Fraser", "fraser"), ("Gallagher", "gallagher"), ("Haddad", "haddad"),
        ("Iqbal", "iqbal"), ("Jensen", "jensen"), ("Khan", "khan"), ("Lefèvre", "lefevre"), ("MacLeod", "macleod"),
        ("Nowak", "nowak"), ("Osei", "osei"), ("Price", "price"), ("Quinn", "quinn"), ("Rahman", "rahman"),
        ("Sørensen", "sorensen"), ("Thornton", "thornton"), ("Uddin", "uddin"), ("Varga", "varga"),
        ("Whitfield", "whitfield"), ("Yilmaz", "yilmaz"), ("Zhang", "zhang"), ("Ashworth", "ashworth"),
        ("Brennan", "brennan"), ("Castellano", "castellano"), ("Drummond", "drummond"), ("Eriksen", "eriksen"),
        ("Fairbairn", "fairbairn"), ("Goldberg", "goldberg"), ("Hartley", "hartley"), ("Ibáñez", "ibanez"),
        ("Kaur", "kaur"), ("Llewellyn", "llewellyn"), ("Moreau", "moreau"), ("Ndlovu", "ndlovu"),
        ("Pemberton", "pemberton"), ("Reyes", "reyes"), ("Sinclair", "sinclair"), ("Tanaka", "tanaka"),
        ("Vaughan", "vaughan"), ("Wainwright", "wainwright"), ("Adeyemi", "adeyemi"), ("Byrne", "byrne"),
    ]

    static let adjectives = [
        "Quiet", "Salt", "Hollow", "Winter", "Silver", "Burning", "Lost", "Hidden", "Last", "Distant", "Glass",
        "Wild", "Broken", "Golden", "Sleeping", "Forgotten", "Northern", "Paper", "Drowned", "Velvet", "Iron",
        "Bright", "Secret", "Borrowed", "Crooked", "Painted", "Midnight", "Restless", "Shifting", "Summer",
    ]

    static let nouns = [
        "Tide", "Harbour", "Orchard", "Lighthouse", "Garden", "River", "Atlas", "Archive", "Orchestra", "Kingdom",
        "Cartographer", "Beekeeper", "Ferryman", "Lantern", "Island", "Meadow", "Weather", "Inheritance", "Letter",
        "Compass", "Migration", "Shoreline", "Clockmaker", "Foundling", "Observatory", "Marsh", "Quarry", "Heron",
        "Chapel", "Vineyard", "Almanac", "Cottage", "Embassy", "Tapestry", "Saltworks", "Fox", "Owl", "Glasshouse",
    ]

    static let places = [
        "Saltmarsh", "Kestrel Point", "Ashby", "Dunmore", "Fenwick", "Carrow Bay", "Highmoor", "Ravenglass",
        "Little Hensley", "Port Isaac", "Llanfair", "Skye", "Lisbon", "Trieste", "Galway", "Marrakesh",
    ]

    static let subtitles = [
        "A Novel", "A Memoir", "Stories", "Poems", "A History", "Essays", "A Mystery", "A Life", "Recipes and Stories",
        "A Natural History", "Letters", "A Field Guide", "An Adventure", "A Love Story",
    ]

    static let workTypes: [(String, Int)] = [("Fiction", 55), ("Non-fiction", 30), ("Children's", 10), ("Poetry", 5)]

    /// The publisher's project stages in order, with how often a generated work is at each one.
    static let stages: [(name: String, weight: Int)] = [
        ("Acquisition", 7), ("Editorial", 12), ("Editorial review complete", 5), ("Copyedit assigned", 5),
        ("Typesetting", 5), ("Final proof approved", 4), ("Printing", 4), ("Published", 58),
    ]

    /// Days from `today` to the first publication date, by stage.
    static func publicationOffset(stage: String) -> ClosedRange<Int> {
        switch stage {
        case "Acquisition": return 300...700
        case "Editorial": return 180...420
        case "Editorial review complete": return 120...260
        case "Copyedit assigned": return 90...200
        case "Typesetting": return 60...150
        case "Final proof approved": return 30...90
        case "Printing": return 7...45
        default: return -3_650 ... -1
        }
    }

    /// Rights acquired in head contracts and the author's usual share of their income (per cent).
    static let rights: [(type: String, authorCut: Double)] = [
        ("Translation", 80), ("Audio", 75), ("Serial", 90), ("Film/TV", 90), ("Large print", 50), ("Book club", 50),
        ("US", 80), ("Anthology", 50), ("Dramatisation", 75),
    ]

    static let agencies: [(name: String, host: String, country: String)] = [
        ("Fenwick & Hale Literary Agency", "fenwickhale.example", "GB"),
        ("Carraway Associates", "carraway.example", "GB"), ("Blue Door Agency", "bluedoor.example", "US"),
        ("Agence Lumière", "agencelumiere.example", "FR"), ("Marlowe Scott Literary", "marlowescott.example", "GB"),
        ("Brightwater & Co", "brightwater.example", "IE"),
    ]

    static let places2 = ["Bristol", "Glasgow", "Cork", "Leeds", "Cardiff", "Norwich", "Lisbon", "Toronto", "Lagos",
                          "Melbourne", "Edinburgh", "Brighton"]
}
