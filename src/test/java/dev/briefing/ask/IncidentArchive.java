package dev.briefing.ask;

import com.ibm.icu.text.Transliterator;
import dev.briefing.ingest.SourceDocument;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * ask's retrieval evaluation set, written by us: short synthetic incident reports (fires,
 * earthquakes, traffic accidents, food poisoning, explosions, knife attacks) that share their
 * vocabulary as real emergency news does (火灾, 死亡, 受伤, 送往医院 in every other report, the
 * same cities and district names again and again) and differ in place, date, venue, counts
 * and causes; and questions in simplified, traditional and English, each answered by one
 * known paragraph. English questions carry the Chinese search queries a careful model would
 * write for them (what the ask-query prompt asks for: standalone, names as Chinese news
 * writes them, no facts added), so the rewrite path is measured without a model.
 *
 * <p>Deterministic: the same seed gives the same articles, ids and questions. A question is
 * always about one incident only: the generator never makes two incidents of one kind in one
 * district of one city, and a question names its incident by kind, city and district (or
 * venue), sometimes by its date as well.
 */
final class IncidentArchive {
    enum Script { SIMPLIFIED, TRADITIONAL, ENGLISH }

    /** One question, the paragraph that answers it, and for English the rewrite a careful model gives. */
    record Question(String text, Script script, String article, int paragraph, List<String> rewrite,
            boolean heldOut) {
    }

    private record City(String zh, String en, String province, String provinceEn) {
    }

    private record District(String zh, String en) {
    }

    /** One incident's facts; the article and its questions are written from them. */
    private record Incident(Kind kind, City city, District district, int month, int day, int hour, int minute,
            String venue, String venueEn, int dead, int injured, int serious, String hospital, String cause,
            int n1, int n2, int n3, int n4, double magnitude) {
        String date() {
            return month + "月" + day + "日";
        }

        String dateEn() {
            return MONTHS_EN.get(month - 1) + " " + day;
        }

        String where() {
            return city.zh + district.zh;
        }

        String whereEn() {
            return district.en + ", " + city.en;
        }
    }

    private enum Kind { FIRE, EARTHQUAKE, TRAFFIC, POISONING, EXPLOSION, ATTACK }

    static final List<String> MONTHS_EN = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");
    private static final List<City> CITIES = List.of(
            new City("杭州", "Hangzhou", "浙江", "Zhejiang"), new City("南京", "Nanjing", "江苏", "Jiangsu"),
            new City("成都", "Chengdu", "四川", "Sichuan"), new City("武汉", "Wuhan", "湖北", "Hubei"),
            new City("西安", "Xi'an", "陕西", "Shaanxi"), new City("长沙", "Changsha", "湖南", "Hunan"),
            new City("郑州", "Zhengzhou", "河南", "Henan"), new City("济南", "Jinan", "山东", "Shandong"),
            new City("合肥", "Hefei", "安徽", "Anhui"), new City("福州", "Fuzhou", "福建", "Fujian"),
            new City("南昌", "Nanchang", "江西", "Jiangxi"), new City("昆明", "Kunming", "云南", "Yunnan"),
            new City("贵阳", "Guiyang", "贵州", "Guizhou"), new City("南宁", "Nanning", "广西", "Guangxi"),
            new City("广州", "Guangzhou", "广东", "Guangdong"), new City("深圳", "Shenzhen", "广东", "Guangdong"),
            new City("沈阳", "Shenyang", "辽宁", "Liaoning"), new City("长春", "Changchun", "吉林", "Jilin"),
            new City("哈尔滨", "Harbin", "黑龙江", "Heilongjiang"), new City("石家庄", "Shijiazhuang", "河北", "Hebei"),
            new City("太原", "Taiyuan", "山西", "Shanxi"), new City("兰州", "Lanzhou", "甘肃", "Gansu"),
            new City("宁波", "Ningbo", "浙江", "Zhejiang"), new City("青岛", "Qingdao", "山东", "Shandong"));
    /** Shared by every city, as 新城区 and 高新区 are in real ones: the city alone never tells incidents apart. */
    private static final List<District> DISTRICTS = List.of(new District("新城区", "Xincheng District"),
            new District("高新区", "the High-tech Zone"), new District("经开区", "the Economic Development Zone"),
            new District("江北区", "Jiangbei District"), new District("城南区", "Chengnan District"),
            new District("东湖区", "Donghu District"), new District("西山区", "Xishan District"),
            new District("临江区", "Linjiang District"), new District("青山区", "Qingshan District"),
            new District("长安区", "Chang'an District"));
    private static final String[][] FIRE_VENUES = {{"居民楼", "residential building"}, {"商场", "shopping mall"},
        {"仓库", "warehouse"}, {"餐馆", "restaurant"}, {"服装厂", "garment factory"}, {"酒店", "hotel"},
        {"养老院", "nursing home"}, {"农贸市场", "farmers' market"}};
    private static final String[] FIRE_CAUSES = {"电动自行车在楼道内充电时电池起火", "电气线路老化引发短路", "施工人员违规进行电焊作业",
        "厨房燃气灶具使用不当", "员工丢弃的烟头引燃堆放的纸箱", "电暖器靠近可燃物"};
    private static final String[][] ROADS = {{"沪昆高速", "the Shanghai-Kunming Expressway"},
        {"京港澳高速", "the Beijing-Hong Kong-Macau Expressway"}, {"连霍高速", "the Lianyungang-Khorgas Expressway"},
        {"国道318线", "National Highway 318"}, {"绕城高速", "the ring expressway"}, {"省道205线", "Provincial Road 205"}};
    private static final String[][] CRASHES = {{"一辆大货车与一辆客车相撞", "a truck and a bus collided"},
        {"一辆旅游大巴侧翻", "a tour bus overturned"}, {"多车连环相撞", "a pile-up of several vehicles"},
        {"一辆小轿车与一辆重型货车追尾", "a car rear-ended a heavy truck"}};
    private static final String[] CRASH_CAUSES = {"货车驾驶员疲劳驾驶", "雨天路面湿滑、车辆超速行驶", "客车超员且驾驶人操作不当",
        "驾驶人酒后驾驶", "货车制动系统失灵", "团雾导致能见度不足百米"};
    private static final String[][] CANTEENS = {{"小学食堂", "primary school canteen"},
        {"工厂食堂", "factory canteen"}, {"幼儿园", "kindergarten"}, {"婚宴", "wedding banquet"},
        {"快餐店", "fast-food restaurant"}, {"建筑工地食堂", "construction site canteen"}};
    private static final String[] POISON_CAUSES = {"沙门氏菌污染", "食用未煮熟的四季豆", "误将亚硝酸盐当作食盐使用",
        "食用变质米粉导致米酵菌酸中毒", "食用野生毒蘑菇", "凉拌菜被金黄色葡萄球菌污染"};
    private static final String[][] BLAST_SITES = {{"化工厂", "chemical plant"}, {"烧烤店", "barbecue restaurant"},
        {"烟花爆竹厂", "fireworks factory"}, {"小区", "housing estate"}, {"加油站", "petrol station"}};
    private static final String[] BLAST_CAUSES = {"液化石油气罐泄漏遇明火", "反应釜温度失控", "工人违规操作引燃火药",
        "燃气管道腐蚀破裂", "油罐车卸油时静电引燃油气"};
    private static final String[][] ATTACK_SITES = {{"菜市场", "food market"}, {"地铁站", "metro station"},
        {"小学门口", "gate of a primary school"}, {"公园", "park"}, {"步行街", "pedestrian street"}};
    private static final String[] MOTIVES = {"与家人长期不和", "经营失败负债累累", "长期失业", "对法院判决不满", "与邻居发生纠纷"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};

    private final List<Article> articles;
    private final List<Question> questions;

    private IncidentArchive(List<Article> articles, List<Question> questions) {
        this.articles = List.copyOf(articles);
        this.questions = List.copyOf(questions);
    }

    List<Article> articles() {
        return articles;
    }

    List<Question> questions() {
        return questions;
    }

    /**
     * {@code count} incidents, one article each; one question per article in turn simplified,
     * traditional, English; every other question (per script) held out of tuning. About one
     * article in five is written in traditional script, as Hong Kong and Taiwan media would.
     */
    static IncidentArchive generate(int count, long seed) {
        Random rnd = new Random(seed);
        Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
        Normalizer normalizer = new Normalizer();
        Set<String> taken = new HashSet<>();
        List<Article> articles = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        Map<Script, Integer> perScript = new LinkedHashMap<>();
        while (articles.size() < count) {
            Incident in = incident(rnd);
            if (!taken.add(in.kind + in.where())) {
                continue;
            }
            List<String> lines = write(in, rnd);
            boolean traditional = rnd.nextInt(5) == 0;
            if (traditional) {
                lines = lines.stream().map(toTraditional::transliterate).toList();
            }
            String path = String.format(Locale.ROOT, "archive/%03d.txt", articles.size());
            Article article = normalizer.normalize(new SourceDocument(path, String.join("\n", lines) + "\n", "UTF-8",
                    "text/plain")).orElseThrow();
            if (article.paragraphs().size() != lines.size() - 1) {
                throw new IllegalStateException("the normalizer did not keep " + path + " as written: " + article);
            }
            articles.add(article);
            Script script = Script.values()[articles.size() % 3];
            int n = perScript.merge(script, 1, Integer::sum);
            questions.add(question(in, article.id(), script, rnd, n % 2 == 0, toTraditional));
        }
        return new IncidentArchive(articles, questions);
    }

    private static Incident incident(Random rnd) {
        Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
        City city = CITIES.get(rnd.nextInt(CITIES.size()));
        District district = DISTRICTS.get(rnd.nextInt(DISTRICTS.size()));
        int month = 1 + rnd.nextInt(12);
        int day = 1 + rnd.nextInt(28);
        int hour = rnd.nextInt(24);
        int minute = rnd.nextInt(60);
        String[] venue = switch (kind) {
            case FIRE -> pick(rnd, FIRE_VENUES);
            case EARTHQUAKE -> new String[] {"", ""};
            case TRAFFIC -> pick(rnd, ROADS);
            case POISONING -> pick(rnd, CANTEENS);
            case EXPLOSION -> pick(rnd, BLAST_SITES);
            case ATTACK -> pick(rnd, ATTACK_SITES);
        };
        String cause = switch (kind) {
            case FIRE -> pick(rnd, FIRE_CAUSES);
            case EARTHQUAKE -> rnd.nextBoolean() ? "主震—余震" : "震群";
            case TRAFFIC -> pick(rnd, CRASH_CAUSES);
            case POISONING -> pick(rnd, POISON_CAUSES);
            case EXPLOSION -> pick(rnd, BLAST_CAUSES);
            case ATTACK -> pick(rnd, MOTIVES);
        };
        int dead = kind == Kind.POISONING ? rnd.nextInt(3) : rnd.nextInt(kind == Kind.EARTHQUAKE ? 30 : 15);
        int injured = 1 + rnd.nextInt(kind == Kind.POISONING ? 120 : 40);
        int serious = Math.max(1, injured / (2 + rnd.nextInt(4)));
        String hospital = switch (rnd.nextInt(4)) {
            case 0 -> city.zh + "市第" + "一二三四五六".charAt(rnd.nextInt(6)) + "人民医院";
            case 1 -> city.zh + "市中心医院";
            case 2 -> city.province + "省人民医院";
            default -> "附近多家医院";
        };
        double magnitude = kind == Kind.EARTHQUAKE ? (30 + rnd.nextInt(36)) / 10.0 : 0;
        return new Incident(kind, city, district, month, day, hour, minute, venue[0], venue[1], dead, injured,
                serious, hospital, cause, 2 + rnd.nextInt(40), 10 + rnd.nextInt(300), 1 + rnd.nextInt(12),
                3 + rnd.nextInt(28), magnitude);
    }

    private static String pick(Random rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String[] pick(Random rnd, String[][] options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String casualties(Incident in, Random rnd, String event) {
        String dead = in.dead == 0 ? "无人死亡" : rnd.nextBoolean() ? in.dead + "人死亡" : in.dead + "人遇难";
        return switch (rnd.nextInt(3)) {
            case 0 -> "截至" + in.month + "月" + Math.min(28, in.day + 1) + "日上午，" + event + "已造成" + dead + "、"
                    + in.injured + "人受伤，其中" + in.serious + "人伤势较重。伤者已被送往" + in.hospital + "救治。";
            case 1 -> "记者从当地应急管理部门获悉，" + event + "共致" + in.injured + "人受伤、" + dead + "。" + in.serious
                    + "名重伤员正在" + in.hospital + "接受治疗，暂无生命危险。";
            default -> "据通报，" + event + "造成" + dead + "，另有" + in.injured + "人受伤，伤者被陆续送往" + in.hospital
                    + "，目前" + in.serious + "人仍在重症监护室。";
        };
    }

    /** Title, then the paragraphs: 1 lead, 2 casualties, 3 response, 4 cause, 5 aftermath. */
    private static List<String> write(Incident in, Random rnd) {
        String c = in.city.zh;
        String lead = rnd.nextBoolean() ? "新华社" + c + in.date() + "电 " : "";
        String clock = in.hour + "时" + (in.minute == 0 ? "" : in.minute + "分");
        return switch (in.kind) {
            case FIRE -> List.of(
                    in.where() + "一" + in.venue + "发生火灾 致" + in.dead + "死" + in.injured + "伤",
                    lead + in.date() + in.hour + "时许，" + in.city.province + "省" + c + "市" + in.district.zh + "一"
                            + in.venue + "发生火灾，现场浓烟滚滚。接到报警后，当地消防救援部门迅速赶赴现场处置。",
                    casualties(in, rnd, "火灾"),
                    "消防救援支队共调派" + in.n1 + "辆消防车、" + in.n2 + "名消防员到场处置，明火于当日" + ((in.hour + 2) % 24)
                            + "时" + in.minute + "分被扑灭，" + in.n3 * 7 + "名被困群众被疏散转移。",
                    "据初步调查，起火原因系" + in.cause + "。事故具体原因仍在进一步调查中，相关责任人已被警方控制。",
                    c + "市政府已成立事故调查组，并要求在全市开展为期" + in.n4 + "天的消防安全隐患大排查，重点检查"
                            + in.venue + "等人员密集场所。");
            case EARTHQUAKE -> List.of(
                    in.where() + "发生" + in.magnitude + "级地震",
                    lead + "据中国地震台网正式测定，" + in.date() + clock + "，" + in.city.province + "省" + c + "市"
                            + in.district.zh + "发生" + in.magnitude + "级地震，震源深度" + in.n4 + "公里。",
                    casualties(in, rnd, "地震") + "另有" + in.n2 * 3 + "间房屋倒塌或受损。",
                    "震后，当地应急管理部门启动" + "ⅠⅡⅢⅣ".charAt(in.n3 % 4) + "级应急响应，调派" + in.n2 + "名救援人员赶赴震区，"
                            + "搭建帐篷" + in.n1 * 10 + "顶，临时安置受灾群众" + in.n2 * 5 + "人。",
                    "据居民描述，震感持续约" + in.n1 + "秒，" + c + "市区震感明显，部分高层住宅内有物品掉落。",
                    "专家分析认为，此次地震为" + in.cause + "型，截至目前共记录到余震" + in.n2 / 4 + "次，最大余震"
                            + Math.max(1.0, Math.round(in.magnitude * 6) / 10.0) + "级。");
            case TRAFFIC -> List.of(
                    in.venue + c + in.district.zh + "路段发生交通事故 " + in.dead + "人遇难",
                    lead + in.date() + in.hour + "时许，" + in.venue + c + "市" + in.district.zh + "路段"
                            + CRASHES[in.n3 % CRASHES.length][0] + "，造成严重交通事故。",
                    casualties(in, rnd, "事故"),
                    "事故发生后，交警、消防、医疗等部门迅速赶到现场救援。受事故影响，该路段交通中断约" + (1 + in.n3 % 6)
                            + "小时，" + in.n2 + "辆车辆一度滞留。",
                    "经交警部门初步调查，事故原因系" + in.cause + "。肇事司机已被警方控制。",
                    c + "市交通运输局表示，将在全市开展为期" + in.n4 + "天的道路交通安全专项整治，严查超速、超员和疲劳驾驶。");
            case POISONING -> List.of(
                    in.where() + "一" + in.venue + "发生疑似食物中毒 " + in.injured + "人就医",
                    lead + in.date() + "，" + in.city.province + "省" + c + "市" + in.district.zh + "一" + in.venue
                            + "发生一起疑似食物中毒事件，多人在用餐后出现身体不适。",
                    "截至" + in.date() + in.hour + "时，共有" + in.injured + "人出现呕吐、腹泻、发热等症状，已送往" + in.hospital
                            + "治疗，其中" + in.serious + "人病情较重，" + (in.dead == 0 ? "无人死亡。" : in.dead + "人经抢救无效死亡。"),
                    "市场监管部门已对涉事" + in.venue + "依法查封，并抽取" + in.n1 + "份食品样本和" + in.n3 + "份环境样本送检。",
                    "经疾控部门流行病学调查和实验室检测，初步判定此次事件系" + in.cause + "所致。",
                    c + "市市场监管局随后对全市" + in.n2 + "家集体食堂开展食品安全专项检查，责令" + in.n3 + "家限期整改。");
            case EXPLOSION -> List.of(
                    in.where() + "一" + in.venue + "发生爆炸 " + in.dead + "死" + in.injured + "伤",
                    lead + in.date() + clock + "许，" + in.city.province + "省" + c + "市" + in.district.zh + "一"
                            + in.venue + "发生爆炸，周边多栋建筑门窗玻璃被震碎。",
                    casualties(in, rnd, "爆炸"),
                    "事发后，当地立即启动应急预案，疏散周边群众" + in.n2 * 4 + "人，并设置" + in.n1 * 50 + "米警戒区，"
                            + in.n1 + "辆消防车在现场待命。",
                    "初步查明，爆炸系" + in.cause + "引发。涉事企业负责人已被警方控制。",
                    c + "市应急管理局要求全市开展为期" + in.n4 + "天的危险化学品和燃气安全排查。");
            case ATTACK -> List.of(
                    in.where() + in.venue + "发生持刀伤人事件 嫌疑人已被控制",
                    lead + in.date() + in.hour + "时许，" + in.city.province + "省" + c + "市" + in.district.zh + "一处"
                            + in.venue + "发生持刀伤人事件，现场群众四散躲避。",
                    "事件共造成" + in.injured + "人受伤" + (in.dead == 0 ? "" : "、" + in.dead + "人死亡") + "，伤者已被送往"
                            + in.hospital + "救治，其中" + in.serious + "人伤势较重。",
                    "警方接报后" + in.n3 + "分钟内赶到现场，将" + (18 + in.n1) + "岁的犯罪嫌疑人" + SURNAMES[in.n2 % 10]
                            + "某当场制服。",
                    "经初步审查，犯罪嫌疑人因" + in.cause + "，产生报复社会心理，蓄意作案。",
                    c + "市公安局表示，将加强" + in.venue + "等人员密集场所的巡逻防控。");
        };
    }

    private static Question question(Incident in, String article, Script script, Random rnd, boolean heldOut,
            Transliterator toTraditional) {
        // Which paragraph is asked about: every paragraph of the article in turn over the set.
        int paragraph = 1 + rnd.nextInt(5);
        String[] qa = asked(in, paragraph, rnd);
        return switch (script) {
            case SIMPLIFIED -> new Question(qa[0], script, article, paragraph, List.of(), heldOut);
            case TRADITIONAL -> new Question(toTraditional.transliterate(qa[0]), script, article, paragraph, List.of(),
                    heldOut);
            case ENGLISH -> new Question(qa[1], script, article, paragraph, List.of(qa[2].split("\\|")), heldOut);
        };
    }

    /**
     * The question about one paragraph: Chinese, English, and the English question's rewrite
     * into Chinese queries ("|" between them) as a careful model writes it.
     */
    private static String[] asked(Incident in, int paragraph, Random rnd) {
        boolean byDate = rnd.nextInt(4) == 0;
        String zh = (byDate ? in.date() : "") + in.where();
        String en = in.whereEn() + (byDate ? " on " + in.dateEn() : "");
        String zhDate = byDate ? in.date() : "";
        String what = switch (in.kind) {
            case FIRE -> in.venue + "火灾";
            case EARTHQUAKE -> "地震";
            case TRAFFIC -> in.venue + "交通事故";
            case POISONING -> in.venue + "食物中毒";
            case EXPLOSION -> in.venue + "爆炸";
            case ATTACK -> in.venue + "持刀伤人事件";
        };
        String whatEn = switch (in.kind) {
            case FIRE -> "the fire at a " + in.venueEn;
            case EARTHQUAKE -> "the earthquake";
            case TRAFFIC -> "the crash on " + in.venueEn;
            case POISONING -> "the food poisoning at a " + in.venueEn;
            case EXPLOSION -> "the explosion at a " + in.venueEn;
            case ATTACK -> "the knife attack at a " + in.venueEn;
        };
        String where = in.city.zh + " " + in.district.zh;
        return switch (paragraph) {
            case 1 -> new String[] {zh + what + "是什么时候发生的？", "When did " + whatEn + " in " + en + " happen?",
                zhDate + in.where() + what + "发生时间|" + where + " " + what};
            case 2 -> in.kind == Kind.POISONING || in.kind == Kind.ATTACK
                    ? new String[] {zh + what + "有多少人受伤或就医？", "How many people were hurt in " + whatEn + " in " + en
                        + "?", zhDate + in.where() + what + "受伤人数|" + where + " " + what + " 受伤"}
                    : new String[] {zh + what + "造成多少人死亡？", "How many people died in " + whatEn + " in " + en + "?",
                        zhDate + in.where() + what + "死亡人数|" + where + " " + what + " 死亡"};
            case 3 -> switch (in.kind) {
                case FIRE -> new String[] {zh + what + "出动了多少辆消防车？", "How many fire engines were sent to " + whatEn
                    + " in " + en + "?", zhDate + in.where() + what + "出动消防车数量|" + where + " 火灾 消防车"};
                case EARTHQUAKE -> new String[] {zh + "地震后启动了几级应急响应？", "What level of emergency response followed "
                    + whatEn + " in " + en + "?", zhDate + in.where() + "地震应急响应级别|" + where + " 地震 应急响应"};
                case TRAFFIC -> new String[] {zh + what + "导致交通中断多久？", "How long was the road closed after " + whatEn
                    + " in " + en + "?", zhDate + in.where() + what + "交通中断时间|" + where + " 交通事故 交通中断"};
                case POISONING -> new String[] {zh + what + "抽取了多少份样本送检？", "How many samples were taken after "
                    + whatEn + " in " + en + "?", zhDate + in.where() + what + "样本送检|" + where + " 食物中毒 抽样 送检"};
                case EXPLOSION -> new String[] {zh + what + "后疏散了多少群众？", "How many people were evacuated after "
                    + whatEn + " in " + en + "?", zhDate + in.where() + what + "疏散人数|" + where + " 爆炸 疏散群众"};
                case ATTACK -> new String[] {zh + what + "的嫌疑人是怎么被制服的？", "How was the suspect of " + whatEn + " in "
                    + en + " stopped?", zhDate + in.where() + what + "嫌疑人被制服|" + where + " 持刀伤人 嫌疑人 警方"};
            };
            case 4 -> switch (in.kind) {
                case EARTHQUAKE -> new String[] {zh + "地震的震感持续了多久？", "How long was the shaking felt in " + whatEn
                    + " in " + en + "?", zhDate + in.where() + "地震震感持续时间|" + where + " 地震 震感"};
                case ATTACK -> new String[] {zh + what + "的作案动机是什么？", "What was the motive of " + whatEn + " in " + en
                    + "?", zhDate + in.where() + what + "作案动机|" + where + " 持刀伤人 动机"};
                default -> new String[] {zh + what + "的原因是什么？", "What caused " + whatEn + " in " + en + "?",
                    zhDate + in.where() + what + "原因|" + where + " " + what + " 原因"};
            };
            default -> switch (in.kind) {
                case EARTHQUAKE -> new String[] {zh + "地震后记录到多少次余震？", "How many aftershocks followed " + whatEn
                    + " in " + en + "?", zhDate + in.where() + "地震余震次数|" + where + " 地震 余震"};
                case ATTACK -> new String[] {zh + what + "之后警方采取了什么措施？", "What did the police do after " + whatEn
                    + " in " + en + "?", zhDate + in.where() + what + "警方措施|" + in.city.zh + "市公安局 巡逻防控"};
                case POISONING -> new String[] {zh + what + "后全市检查了多少家食堂？", "How many canteens were inspected after "
                    + whatEn + " in " + en + "?", zhDate + in.where() + what + "食堂检查|" + in.city.zh
                    + "市市场监管局 集体食堂 专项检查"};
                default -> new String[] {zh + what + "之后" + in.city.zh + "开展了多长时间的安全排查？",
                    "How long was the safety campaign " + in.city.en + " ordered after " + whatEn + " in " + en + "?",
                    zhDate + in.where() + what + "安全排查|" + in.city.zh + " " + what + " 专项整治 排查 天"};
            };
        };
    }
}
