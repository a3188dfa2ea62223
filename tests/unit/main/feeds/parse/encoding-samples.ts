/**
 * News text in the languages whose legacy encodings feeds still arrive in. The tests encode these
 * with iconv-lite and check that the parser gets the same Unicode back: declared in the XML
 * declaration, only in the HTTP Content-Type, and not declared at all (detection, which needs a
 * few hundred bytes of real text to be sure).
 */
export interface EncodingSample {
  /** What the test is called. */
  name: string;
  /** iconv-lite encoding used to make the bytes. */
  encoding: string;
  /** The label a publisher would write (XML declaration / charset parameter). */
  label: string;
  /** A BCP 47 tag for the channel. */
  language: string;
  feedTitle: string;
  items: { title: string; description: string }[];
}

const korean = {
  language: 'ko',
  feedTitle: '연합뉴스 - 주요 뉴스',
  items: [
    {
      title: '정부, 내년 예산안 발표…복지 지출 역대 최대 규모',
      description:
        '기획재정부는 오늘 국무회의에서 내년도 예산안을 확정했다고 밝혔다. 복지 분야 지출은 작년보다 크게 늘어났으며, 일자리와 저출산 대책에 중점을 두었다.',
    },
    {
      title: '서울 지하철 파업 이틀째…출근길 시민 불편 이어져',
      description:
        '서울교통공사 노조의 파업이 이틀째 계속되면서 출근길 시민들의 불편이 이어지고 있다. 시는 비상 수송 대책을 마련해 버스 운행을 늘렸다.',
    },
    {
      title: '한국 축구 대표팀, 월드컵 예선에서 극적인 역전승',
      description:
        '대표팀은 후반 추가 시간에 터진 결승골로 승리를 거두며 조 1위를 지켰다. 감독은 선수들의 집중력을 칭찬했다.',
    },
  ],
};

const japanese = {
  language: 'ja',
  feedTitle: '毎日ニュース　総合',
  items: [
    {
      title: '東京都、来年度予算案を発表　子育て支援を大幅に拡充',
      description:
        '東京都は二十日、来年度の予算案を発表した。子育て世帯への給付金を増やし、保育所の整備を進める。知事は「安心して子どもを育てられる街にしたい」と述べた。',
    },
    {
      title: '新幹線、大雪の影響で一部区間が運転見合わせ',
      description:
        '日本海側を中心に記録的な大雪となり、新幹線の一部区間で運転を見合わせている。鉄道会社は最新の運行情報を確認するよう呼びかけている。',
    },
    {
      title: '日本代表、アジア杯で準決勝進出　延長戦を制す',
      description:
        'サッカー日本代表は延長戦の末に勝利し、準決勝への進出を決めた。監督は選手たちの粘り強さをたたえた。',
    },
  ],
};

const chineseSimplified = {
  language: 'zh-cn',
  feedTitle: '新华网 - 要闻',
  items: [
    {
      title: '国务院常务会议部署稳就业措施 加大对中小企业支持力度',
      description:
        '国务院总理主持召开国务院常务会议，部署进一步稳定和扩大就业的措施，要求各地区各部门加大对中小企业的支持力度，帮助高校毕业生顺利就业。',
    },
    {
      title: '全国铁路春运首日发送旅客超过一千万人次',
      description:
        '今年春运首日，全国铁路共发送旅客一千零五十万人次，同比增长百分之八。铁路部门增开列车，保障旅客平安有序出行。',
    },
    {
      title: '科学家在南海发现新的深海生物物种',
      description:
        '中国科学院研究团队在南海深处发现了多个新的海洋生物物种，相关研究成果已发表在国际学术期刊上。',
    },
  ],
};

const chineseTraditional = {
  language: 'zh-tw',
  feedTitle: '中央社 即時新聞',
  items: [
    {
      title: '台北市政府公布明年度預算 擴大社會福利支出',
      description:
        '台北市政府今天公布明年度總預算案，社會福利支出較今年增加一成，市長表示將優先照顧長者與弱勢家庭，並持續推動公共住宅興建計畫。',
    },
    {
      title: '颱風逼近東部海域 氣象局發布海上警報',
      description:
        '中央氣象局表示，颱風中心目前位於台灣東南方海面，預計明天清晨發布陸上警報，提醒民眾做好防颱準備。',
    },
    {
      title: '台灣棒球代表隊擊敗日本 晉級亞洲錦標賽決賽',
      description:
        '中華隊在九局下半擊出再見安打，以四比三擊敗日本隊，順利晉級決賽，球迷在場邊歡聲雷動。',
    },
  ],
};

const hebrew = {
  language: 'he',
  feedTitle: 'חדשות היום - מבזקים',
  items: [
    {
      title: 'הממשלה אישרה את תקציב המדינה לשנה הבאה',
      description:
        'הממשלה אישרה הלילה את הצעת התקציב לשנה הבאה לאחר דיון ארוך. שר האוצר אמר כי התקציב יגדיל את ההשקעה בחינוך ובבריאות ויקטין את הגירעון.',
    },
    {
      title: 'גשם כבד צפוי בצפון הארץ בסוף השבוע',
      description:
        'השירות המטאורולוגי מזהיר מפני גשמים עזים ושיטפונות בצפון הארץ. הנהגים מתבקשים לנהוג בזהירות ולהימנע מנסיעה בכבישים מוצפים.',
    },
    {
      title: 'נבחרת ישראל בכדורסל ניצחה בטורניר האירופי',
      description:
        'הנבחרת ניצחה במשחק צמוד ועלתה לשלב הבא של הטורניר. המאמן שיבח את השחקנים על המאמץ.',
    },
  ],
};

const russian = {
  language: 'ru',
  feedTitle: 'Новости России и мира',
  items: [
    {
      title: 'Правительство утвердило бюджет на следующий год',
      description:
        'Правительство на заседании в четверг утвердило проект федерального бюджета на следующий год. Расходы на здравоохранение и образование будут увеличены, сообщил министр финансов.',
    },
    {
      title: 'В Москве ожидается сильный снегопад',
      description:
        'Синоптики предупреждают о сильном снегопаде и гололёде в столичном регионе. Водителей просят по возможности отказаться от поездок на личном транспорте.',
    },
    {
      title: 'Сборная России по хоккею вышла в финал турнира',
      description:
        'Российские хоккеисты обыграли соперников в напряжённом полуфинале и сыграют в финале в воскресенье.',
    },
  ],
};

const thai = {
  language: 'th',
  feedTitle: 'ข่าวด่วน ประเทศไทย',
  items: [
    {
      title: 'รัฐบาลอนุมัติงบประมาณรายจ่ายประจำปีหน้า',
      description:
        'คณะรัฐมนตรีมีมติอนุมัติร่างงบประมาณรายจ่ายประจำปีหน้า โดยเพิ่มงบด้านการศึกษาและสาธารณสุข นายกรัฐมนตรีกล่าวว่าจะช่วยกระตุ้นเศรษฐกิจของประเทศ',
    },
    {
      title: 'กรมอุตุนิยมวิทยาเตือนฝนตกหนักในภาคใต้',
      description: 'กรมอุตุนิยมวิทยาประกาศเตือนประชาชนในภาคใต้ให้ระวังฝนตกหนักและน้ำท่วมฉับพลัน ในช่วงสุดสัปดาห์นี้',
    },
  ],
};

const french = {
  language: 'fr',
  feedTitle: 'Le Quotidien – À la une',
  items: [
    {
      title: 'Le gouvernement présente un budget « prudent » pour l’année prochaine',
      description:
        'Le ministre de l’Économie a présenté mercredi un projet de budget qualifié de « prudent ». Les dépenses de santé et d’éducation augmentent légèrement, tandis que la dette reste élevée.',
    },
    {
      title: 'Grève des cheminots : trafic très perturbé à la SNCF jusqu’à vendredi',
      description:
        'Les syndicats ont appelé à poursuivre le mouvement. Les usagers sont invités à reporter leurs déplacements et à consulter l’état du trafic avant de partir.',
    },
    {
      title: 'Météo : un épisode de froid intense attendu dès lundi',
      description:
        'Météo-France prévoit des températures très inférieures aux normales de saison sur l’ensemble du pays, avec des gelées fréquentes.',
    },
  ],
};

const german = {
  language: 'de',
  feedTitle: 'Tagesnachrichten – Überblick',
  items: [
    {
      title: 'Bundesregierung beschließt Haushalt für das kommende Jahr',
      description:
        'Das Kabinett hat am Mittwoch den Haushaltsentwurf für das nächste Jahr beschlossen. Die Ausgaben für Bildung und Gesundheit steigen, während die Neuverschuldung sinken soll. „Wir müssen sparen“, sagte der Finanzminister.',
    },
    {
      title: 'Glätte und Schnee: Zahlreiche Unfälle auf Straßen in Süddeutschland',
      description:
        'Nach heftigem Schneefall ist es in Bayern und Baden-Württemberg zu zahlreichen Unfällen gekommen. Die Polizei rät, größere Fahrten möglichst zu verschieben.',
    },
  ],
};

export const ENCODING_SAMPLES: EncodingSample[] = [
  { name: 'Korean EUC-KR', encoding: 'euc-kr', label: 'EUC-KR', ...korean },
  { name: 'Japanese Shift_JIS', encoding: 'shift_jis', label: 'Shift_JIS', ...japanese },
  { name: 'Japanese EUC-JP', encoding: 'euc-jp', label: 'EUC-JP', ...japanese },
  { name: 'Chinese GB2312', encoding: 'gb2312', label: 'GB2312', ...chineseSimplified },
  { name: 'Chinese GB18030', encoding: 'gb18030', label: 'GB18030', ...chineseSimplified },
  { name: 'Chinese Big5', encoding: 'big5', label: 'Big5', ...chineseTraditional },
  { name: 'Hebrew windows-1255', encoding: 'windows-1255', label: 'windows-1255', ...hebrew },
  { name: 'Russian KOI8-R', encoding: 'koi8-r', label: 'KOI8-R', ...russian },
  { name: 'Russian windows-1251', encoding: 'windows-1251', label: 'windows-1251', ...russian },
  { name: 'Thai TIS-620', encoding: 'tis-620', label: 'TIS-620', ...thai },
  { name: 'French windows-1252', encoding: 'windows-1252', label: 'windows-1252', ...french },
  {
    name: 'German windows-1252 labelled ISO-8859-1',
    encoding: 'windows-1252',
    label: 'ISO-8859-1',
    ...german,
  },
];

/** An RSS 2.0 document for a sample, with an optional encoding in its XML declaration. */
export function sampleRss(sample: EncodingSample, declared?: string): string {
  const declaration = declared
    ? `<?xml version="1.0" encoding="${declared}"?>`
    : '<?xml version="1.0"?>';
  const items = sample.items
    .map(
      (item, index) => `
    <item>
      <title>${item.title}</title>
      <link>https://news.example/${index + 1}</link>
      <description>${item.description}</description>
    </item>`,
    )
    .join('');
  return `${declaration}
<rss version="2.0">
  <channel>
    <title>${sample.feedTitle}</title>
    <link>https://news.example/</link>
    <language>${sample.language}</language>${items}
  </channel>
</rss>
`;
}
