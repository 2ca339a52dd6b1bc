/// Creates the contacts of a generated catalogue — agencies, readers, illustrators, editors and authors — with
/// unique e-mail addresses (`firstname.lastname@authors.example`) and E.164 phone numbers.
struct ContactFactory {
    private(set) var contacts: [ContactRecord] = []
    private var usedEmails: Set<String> = []
    private var phonesIssued = 0
    private var webLinkCounter: Int
    let seed: UInt64
    let today: SandboxDate

    init(seed: UInt64, today: SandboxDate, firstWebLinkID: Int) {
        self.seed = seed
        self.today = today
        webLinkCounter = firstWebLinkID
    }

    /// The id the next contact gets.
    var nextID: Int { Catalogue.contactIDBase + contacts.count + 1 }

    /// The next unused web link id.
    var nextWebLinkID: Int { webLinkCounter }

    mutating func addAgency(_ index: Int) -> Int {
        let agency = ConsonanceVocabulary.agencies[index % ConsonanceVocabulary.agencies.count]
        var random = SplitMix64(seed: seed, stream: 20, index: UInt64(index))
        let id = nextID
        let phone = PhoneNumberPool.number(phonesIssued)
        phonesIssued += 1
        let link = WebLinkRecord(id: takeWebLinkID(), link: "https://www.\(agency.host)/", role: "01", note: nil,
                                 includeInOnix: false)
        contacts.append(ContactRecord(
            id: id, kind: .organisation(country: agency.country), name: agency.name,
            emails: ["rights@\(agency.host)"], phones: [PhoneRecord(number: phone.number, type: "Work")],
            biographicalNote: nil, webLinks: [link], workIDs: [],
            changed: today.adding(days: -random.within(30...900))))
        return id
    }

    /// A person with a role-dependent e-mail domain (`authors.example`, `illustrators.example`, `narrators.example`).
    mutating func addPerson(domain: String, stream: UInt64) -> Int {
        let id = nextID
        var random = SplitMix64(seed: seed, stream: stream, index: UInt64(id))
        let first = random.pick(ConsonanceVocabulary.firstNames)
        let last = random.pick(ConsonanceVocabulary.lastNames)
        var local = "\(first.ascii).\(last.ascii)"
        if usedEmails.contains(local) {
            var suffix = 2
            while usedEmails.contains("\(local)\(suffix)") { suffix += 1 }
            local += String(suffix)
        }
        usedEmails.insert(local)
        var phones: [PhoneRecord] = []
        if random.chance(0.75) {
            let phone = PhoneNumberPool.number(phonesIssued)
            phonesIssued += 1
            phones.append(PhoneRecord(number: phone.number, type: phone.mobile ? "Mobile" : "Home"))
        }
        let name = "\(first.display) \(last.display)"
        var links: [WebLinkRecord] = []
        if domain == "authors.example", random.chance(0.2) {
            links.append(WebLinkRecord(id: takeWebLinkID(), link: "https://\(first.ascii)\(last.ascii).example/",
                                       role: "06", note: "Author website", includeInOnix: true))
        }
        let town = random.pick(ConsonanceVocabulary.places2)
        contacts.append(ContactRecord(
            id: id, kind: .person(firstName: first.display, lastName: last.display), name: name,
            emails: ["\(local)@\(domain)"], phones: phones,
            biographicalNote: "\(name) lives and works in \(town).", webLinks: links, workIDs: [],
            changed: today.adding(days: -random.within(30...900))))
        return id
    }

    mutating func noteContribution(contactID: Int, workID: Int) {
        let index = contactID - Catalogue.contactIDBase - 1
        if contacts[index].workIDs.last != workID { contacts[index].workIDs.append(workID) }
    }

    mutating func takeWebLinkID() -> Int {
        defer { webLinkCounter += 1 }
        return webLinkCounter
    }
}
