/// A small simplified-to-traditional table, character by character, covering every character with a
/// traditional form in the template's headings, table headers and labels and in the sample reports'
/// titles and prose (checked against OpenCC's s2t), as a site's or a browser's 繁體 button converts a
/// page. Characters whose traditional form depends on the word (制/製, 秘/祕) are kept, as the Taiwan
/// standard writes them in these words.
public enum TraditionalCharacters {
    /// Pairs of (simplified, traditional), one after the other.
    static let pairs =
        "万萬业業为為举舉于於们們会會体體关關内內决決况況办辦务務动動区區单單县縣发發号號后後员員国國坚堅处處"
        + "复複够夠学學宁寧审審将將属屬废廢开開强強当當态態总總执執护護报報据據数數无無时時术術机機权權条條"
        + "来來构構标標栏欄没沒泽澤现現确確稳穩类類纠糾纳納组組织織经經结結继繼续續维維缴繳罚罰范範获獲补補"
        + "规規计計认認训訓议議许許讼訟访訪诉訴询詢请請读讀质質费費转轉载載较較过過还還这這进進链鏈问問间間"
        + "页頁项項题題额額"

    static let table: [Character: Character] = {
        let characters = Array(pairs)
        return Dictionary(
            uniqueKeysWithValues: stride(from: 0, to: characters.count, by: 2).map {
                (characters[$0], characters[$0 + 1])
            }
        )
    }()

    /// `text` with every character of the table converted.
    public static func convert(_ text: String) -> String {
        String(text.map { table[$0] ?? $0 })
    }
}
