extension FixedLink {
    /// Fixed links of Zhejiang's islands, shipped in `data/profiles/default.json` (a test keeps the two
    /// equal). Each joins two land masses that the county polygons keep apart; islands already joined to
    /// the mainland in the geometry by reclaimed land (Dongtou's main islands, Yuhuan) need none. Each
    /// end is a little inland. A chain of bridges is one link per bridge, so that the small islands on
    /// the way are joined too.
    public static let zhejiang: [FixedLink] = [
        FixedLink(
            name: "岑港大桥 Cengang Bridge: Zhoushan Island - Lidiao Island",
            from: GeoCoordinate(longitude: 122.000, latitude: 30.080), to: GeoCoordinate(longitude: 121.980, latitude: 30.079),
            source: zhoushanMainlandLink),
        FixedLink(
            name: "响礁门大桥 Xiangjiaomen Bridge: Lidiao Island - Fuchi Island",
            from: GeoCoordinate(longitude: 121.978, latitude: 30.083), to: GeoCoordinate(longitude: 121.970, latitude: 30.095),
            source: zhoushanMainlandLink),
        FixedLink(
            name: "桃夭门大桥 Taoyaomen Bridge: Fuchi Island - Cezi Island",
            from: GeoCoordinate(longitude: 121.968, latitude: 30.096), to: GeoCoordinate(longitude: 121.945, latitude: 30.095),
            source: zhoushanMainlandLink),
        FixedLink(
            name: "西堠门大桥 Xihoumen Bridge: Cezi Island - Jintang Island",
            from: GeoCoordinate(longitude: 121.925, latitude: 30.088), to: GeoCoordinate(longitude: 121.905, latitude: 30.050),
            source: zhoushanMainlandLink),
        FixedLink(
            name: "金塘大桥 Jintang Bridge: Jintang Island - Zhenhai, Ningbo (mainland)",
            from: GeoCoordinate(longitude: 121.860, latitude: 30.010), to: GeoCoordinate(longitude: 121.700, latitude: 29.960),
            source: zhoushanMainlandLink),
        FixedLink(
            name: "舟岱大桥 Zhoushan-Daishan Bridge: Zhoushan Island (Mamu) - Changbai Island",
            from: GeoCoordinate(longitude: 122.000, latitude: 30.120), to: GeoCoordinate(longitude: 122.030, latitude: 30.185),
            source: zhoushanDaishanBridge),
        FixedLink(
            name: "舟岱大桥 Zhoushan-Daishan Bridge: Changbai Island - Daishan Island (Shuanghe)",
            from: GeoCoordinate(longitude: 122.040, latitude: 30.190), to: GeoCoordinate(longitude: 122.075, latitude: 30.290),
            source: zhoushanDaishanBridge),
        FixedLink(
            name: "鱼山大桥 Yushan Bridge: Daishan Island (Daixi) - Yushan Island",
            from: GeoCoordinate(longitude: 122.080, latitude: 30.300), to: GeoCoordinate(longitude: 121.970, latitude: 30.320),
            source: "鱼山大桥 (Yushan Bridge), 8.8 km from Daixi on Daishan Island to the green petrochemical base on 鱼山岛, opened 2018 as the Yushan branch of the Ningbo-Zhoushan Port main channel. Sources: CCCC Second Harbour Engineering news 2021-01-25; 浙江日报 2023-01-19 p. 16."),
        FixedLink(
            name: "鲁家峙大桥 and 普陀湾海底隧道 Lujiazhi Bridge and Putuo Bay Tunnel: Zhoushan Island (Shenjiamen) - Lujiazhi Island",
            from: GeoCoordinate(longitude: 122.300, latitude: 29.960), to: GeoCoordinate(longitude: 122.295, latitude: 29.942),
            source: "鲁家峙大桥 (Lujiazhi Bridge) and 普陀湾海底隧道 (Putuo Bay undersea road tunnel, opened 1 October 2022) join Shenjiamen and Donggang on Zhoushan Island to 鲁家峙岛. Sources: 中国水运网 2022-10-06; 中国海洋网 2017-07-20."),
        FixedLink(
            name: "朱家尖大桥 Zhujiajian Bridge: Zhoushan Island (Shenjiamen) - Zhujiajian Island",
            from: GeoCoordinate(longitude: 122.310, latitude: 29.965), to: GeoCoordinate(longitude: 122.350, latitude: 29.930),
            source: "朱家尖大桥 (Zhujiajian Bridge) across the strait between Shenjiamen on Zhoushan Island and Zhujiajian, on the road to Zhoushan Putuoshan Airport. From general knowledge; no document for it was found offline: confirm with the Zhoushan transport bureau."),
    ]

    private static let zhoushanMainlandLink = "Part of 舟山大陆连岛工程 (Zhoushan mainland-island link): five bridges from Zhoushan Island via 里钓岛, 富翅岛, 册子岛 and 金塘岛 to Zhenhai, Ningbo; 岑港, 响礁门 and 桃夭门 bridges opened 1 January 2006, 西堠门 and 金塘 bridges 25 December 2009. Sources: project description reprinted by nb-hts.com, 2009-12-14; iamchina.com, 'Zhoushan Cross-sea Bridge'."

    private static let zhoushanDaishanBridge = "舟岱大桥 (Zhoushan-Daishan Bridge), opened 29 December 2021: from the Cengang interchange on Zhoushan Island into the sea at Mamu, with the Changbai interchange linking 长白岛, landing at Shuanghe on Daishan Island. Sources: 都市快报 2021-12-10; 浙江日报 2023-01-19 p. 16; CGTN 2021-12-30."
}
