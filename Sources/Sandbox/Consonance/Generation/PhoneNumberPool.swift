/// Telephone numbers for generated contacts, in E.164, taken from ranges reserved for drama and fiction
/// (Ofcom's 07700 900xxx and geographic 496/4960 blocks, North America's 555-01xx), so none can ring anyone.
///
/// Each index gets a different number up to `capacity` (about 15,000); beyond it numbers repeat.
enum PhoneNumberPool {
    private static let ukBlocks = ["+447700900", "+441134960", "+441144960", "+441154960", "+441164960",
                                   "+441174960", "+441184960", "+441214960", "+441314960", "+441414960",
                                   "+441514960", "+441614960", "+442079460"]
    private static let usAreaCodes = [
        212, 213, 202, 206, 303, 305, 312, 314, 404, 415, 503, 512, 602, 612, 617, 702, 713, 718, 801, 804,
        808, 816, 901, 907, 919, 971, 406, 207, 802, 603, 401, 860, 302, 410, 304, 843, 615, 502, 317, 414,
    ]

    static var capacity: Int { ukBlocks.count * 1_000 + usAreaCodes.count * 100 }

    /// The number for `index` and whether it is a mobile.
    static func number(_ index: Int) -> (number: String, mobile: Bool) {
        let index = index % capacity
        let uk = ukBlocks.count * 1_000
        if index < uk {
            let block = index / 1_000
            let line = index % 1_000
            let digits = line < 10 ? "00\(line)" : line < 100 ? "0\(line)" : "\(line)"
            return (ukBlocks[block] + digits, block == 0)
        }
        let rest = index - uk
        let line = rest % 100
        return ("+1\(usAreaCodes[rest / 100])55501" + (line < 10 ? "0\(line)" : "\(line)"), false)
    }
}
