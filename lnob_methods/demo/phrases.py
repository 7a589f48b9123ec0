"""Phrase banks of the SYNTHETIC demonstration testimonies (:mod:`lnob_methods.demo.testimonies`).

Written together with ``data/voices/codebook.yaml``: every story sentence of a theme contains at
least one of that theme's keywords in its language (a test checks it), so that the coding of the
synthetic stories can be checked. Nothing here is a real testimony. Sentences avoid the words of
the personal-data canaries ("my name is", "mama", "kijiji cha", "गाउँमा बस्छु", ...) so that a
redactor's test is not confused by ordinary text.

Bank lines read ``<language> <kind> <sentence>``: kind ``s`` is a story sentence, ``p`` a
proposal, ``o`` an opening and ``c`` a closing (openings and closings carry no keyword).
"""

from __future__ import annotations

_BANK = """
[_frame]
en o Let me tell you how things are for us.
en o Life here is hard.
en o I have been here for many years.
en c That is all I wanted to say.
en c We hope someone will hear this.
sw o Nataka kueleza hali yetu.
sw o Maisha hapa ni magumu.
sw o Nimekaa hapa kwa miaka mingi.
sw c Ni hayo tu.
sw c Tunaomba mtusikie.
ne o हाम्रो अवस्था भन्न चाहन्छु।
ne o यहाँको जीवन गाह्रो छ।
ne o म यहाँ धेरै वर्षदेखि छु।
ne c मलाई यति नै भन्नु थियो।
ne c कसैले सुनिदिए हुन्थ्यो।
bn o আমাদের অবস্থার কথা বলি।
bn o এখানে জীবন খুব কঠিন।
bn o অনেক বছর ধরে এখানে আছি।
bn c এটুকুই বলার ছিল।
bn c আশা করি কেউ শুনবে।
vi o Tôi xin kể về hoàn cảnh nhà mình.
vi o Cuộc sống ở đây vất vả lắm.
vi o Tôi ở đây đã nhiều năm.
vi c Tôi chỉ muốn nói vậy thôi.
vi c Mong có người lắng nghe.
[health_care]
en s The clinic is far from us, and the medicine costs more than we can pay.
en s When my child was sick the hospital asked for money first, so we went home without treatment.
en s There is only one nurse at the health centre, and she cannot see everyone.
en p Make the clinic free for people who cannot pay.
en p Send a doctor to our area at least once a week.
sw s Zahanati iko mbali sana na dawa ni ghali kuliko tunavyoweza kulipa.
sw s Mtoto wangu alipougua, hospitali walitaka pesa kwanza, tukarudi bila matibabu.
sw s Kuna muuguzi mmoja tu kwenye kituo cha afya na hawezi kutuhudumia wote.
sw p Matibabu yawe bure kwa watu wasioweza kulipa.
sw p Tuletewe daktari angalau mara moja kwa wiki.
ne s स्वास्थ्य चौकी धेरै टाढा छ र औषधि किन्ने पैसा हामीसँग हुँदैन।
ne s छोरा बिरामी हुँदा अस्पतालले पहिले पैसा माग्यो, उपचार नगरी घर फर्कियौं।
ne s डाक्टर कहिल्यै आउँदैनन्, एउटा नर्स मात्र छिन्।
ne p गरिबहरूका लागि उपचार निःशुल्क होस्।
ne p हप्तामा एक दिन भए पनि डाक्टर पठाउनुहोस्।
bn s হাসপাতাল অনেক দূরে, আর ওষুধ কেনার টাকা আমাদের থাকে না।
bn s ছেলের অসুখ হলে ক্লিনিকে আগে টাকা চায়, তাই চিকিৎসা ছাড়াই ফিরে আসি।
bn s সরকারি হাসপাতালে লম্বা লাইন, ডাক্তার দেখাতে পুরো দিন চলে যায়।
bn p গরিব মানুষের জন্য চিকিৎসা বিনামূল্যে করা হোক।
bn p আমাদের এলাকায় সপ্তাহে অন্তত একদিন ডাক্তার পাঠান।
vi s Trạm y tế ở xa lắm, tiền thuốc thì đắt hơn sức nhà tôi.
vi s Lúc con ốm, bệnh viện đòi tiền trước nên chúng tôi đành về, không được chữa bệnh.
vi s Thẻ bảo hiểm y tế hết hạn mà tôi không biết làm lại thế nào.
vi p Nên miễn viện phí cho người không có khả năng chi trả.
vi p Mỗi tuần nên có bác sĩ về khám bệnh cho bà con trong bản.
[education]
en s My daughter dropped out of school because we could not pay for books and uniform.
en s The teacher comes only three days a week, so the children learn very little.
en s I never finished my education, and now I cannot read the letters they send me.
en p Pay for books and uniforms so no child has to leave school.
en p Hire more teachers who speak our language.
sw s Binti yangu aliacha shule kwa sababu hatukuweza kulipa karo na sare.
sw s Mwalimu anakuja siku tatu tu kwa wiki, kwa hiyo watoto hawajifunzi kitu.
sw s Sikumaliza elimu yangu, na sasa siwezi kusoma barua wanazoniletea.
sw p Karo ya shule iondolewe ili kila mtoto asome.
sw p Tuletewe walimu zaidi wanaozungumza lugha yetu.
ne s पैसा नभएर छोरीले कक्षा आठमै विद्यालय छोडी।
ne s शिक्षक हप्तामा तीन दिन मात्र आउँछन्, बच्चाले केही सिक्दैनन्।
ne s मैले पढाइ पूरा गर्न पाइनँ, अहिले चिठी पनि बुझ्दिनँ।
ne p छात्राहरूका लागि निःशुल्क शिक्षा र छात्रवृत्ति दिनुहोस्।
ne p हाम्रो भाषा बोल्ने शिक्षक थप्नुहोस्।
bn s টাকার অভাবে মেয়েটা ক্লাস সিক্সে স্কুল ছেড়ে দিয়েছে।
bn s শিক্ষক সপ্তাহে তিন দিন আসেন, বাচ্চারা কিছুই শেখে না।
bn s আমার লেখাপড়া শেষ হয়নি, এখন চিঠিও পড়তে পারি না।
bn p গরিব শিশুদের পড়াশোনার খরচ সরকার দিক।
bn p স্কুলে আরও শিক্ষক নিয়োগ দিন।
vi s Con gái tôi phải bỏ học năm lớp bảy vì nhà không có tiền đóng học phí.
vi s Giáo viên chỉ lên điểm trường ba buổi một tuần nên các cháu học được rất ít.
vi s Tôi không được đi học nên bây giờ đọc giấy báo cũng không hiểu.
vi p Nên miễn học phí cho con em những gia đình khó khăn.
vi p Cần thêm giáo viên biết nói tiếng dân tộc.
[work_income]
en s I do casual work on building sites, and some weeks there is no job at all.
en s The wage is so low that my income does not last until the end of the month.
en s Since the factory closed I have been unemployed, and nobody wants to hire an older man.
en p Train young people for real jobs and help them start a small business.
en p Make employers pay a fair wage on time.
sw s Nafanya kibarua kwenye ujenzi, na wiki zingine hakuna kazi kabisa.
sw s Mshahara ni mdogo sana, kipato changu hakifiki mwisho wa mwezi.
sw s Tangu kiwanda kifungwe sina ajira, na hakuna anayetaka kuajiri mzee.
sw p Vijana wapewe mafunzo ya ajira na mikopo ya biashara ndogo.
sw p Waajiri walipe mshahara wa haki kwa wakati.
ne s म दैनिक ज्यालादारी गर्छु, कुनै हप्ता काम पाउन नै गाह्रो हुन्छ।
ne s तलब यति थोरै छ कि आम्दानीले महिना पुग्दैन।
ne s फ्याक्ट्री बन्द भएदेखि म बेरोजगार छु।
ne p युवालाई सीप सिकाएर रोजगार दिनुहोस्।
ne p मजदुरी समयमै र उचित दिइयोस्।
bn s আমি দিনমজুর, কোনো কোনো সপ্তাহে কাজ পাই না।
bn s মজুরি এত কম যে মাসের শেষ পর্যন্ত চলে না।
bn s কারখানা বন্ধ হওয়ার পর থেকে আমি বেকার।
bn p যুবকদের প্রশিক্ষণ দিয়ে চাকরির ব্যবস্থা করুন।
bn p মালিকরা যেন সময়মতো ন্যায্য মজুরি দেয়।
vi s Tôi đi làm thuê theo ngày, có tuần chẳng có việc làm nào.
vi s Tiền công thấp quá, thu nhập không đủ sống đến cuối tháng.
vi s Từ khi nhà máy đóng cửa tôi bị thất nghiệp, người lớn tuổi chẳng ai thuê.
vi p Dạy nghề cho thanh niên để có việc làm ổn định.
vi p Chủ sử dụng lao động phải trả tiền công đúng hạn.
[land_farming]
en s Our land is small, and the harvest does not last until the next season.
en s We cannot buy seed or fertiliser, so the crops are poor every year.
en s My husband's brothers took the farm after he died because I have no title deed.
en p Give small farmers seed and fertiliser at a fair price.
en p Register land in the names of women too.
sw s Shamba letu ni dogo na mavuno hayatoshi hadi msimu ujao.
sw s Hatuwezi kununua mbegu wala mbolea, kwa hiyo mazao ni duni kila mwaka.
sw s Mume wangu alipofariki, ndugu zake walichukua ardhi kwa sababu sina hati miliki.
sw p Wakulima wadogo wapewe mbegu na mbolea kwa bei nafuu.
sw p Ardhi iandikwe pia kwa majina ya wanawake.
ne s हाम्रो खेत सानो छ, बालीले वर्षभरि पुग्दैन।
ne s बीउ किन्न सक्दैनौं, त्यसैले उब्जनी कम हुन्छ।
ne s श्रीमान् बितेपछि देवरहरूले जग्गा लिए, लालपुर्जा मसँग छैन।
ne p साना किसानलाई सस्तोमा बीउ दिनुहोस्।
ne p महिलाको नाममा पनि जग्गा दर्ता गरियोस्।
bn s আমাদের জমি অল্প, ফসলে সারা বছর চলে না।
bn s বীজ কিনতে পারি না, তাই চাষ ভালো হয় না।
bn s স্বামী মারা যাওয়ার পর দেবররা জমি নিয়ে নিয়েছে।
bn p ছোট কৃষকদের কম দামে বীজ দিন।
bn p নারীর নামেও জমি লিখে দেওয়া হোক।
vi s Ruộng nhà tôi ít, lúa thu hoạch không đủ đến vụ sau.
vi s Không có tiền mua giống và phân bón nên mùa màng năm nào cũng kém.
vi s Chồng mất rồi, anh em bên chồng lấy mất đất đai vì tôi không có sổ đỏ.
vi p Cho nông dân nghèo vay vốn mua giống và phân bón.
vi p Sổ đỏ phải ghi tên cả vợ và chồng.
[housing_eviction]
en s The landlord raised the rent again, and we were told to leave by the end of the month.
en s They came with a bulldozer and demolished our houses without any notice.
en s We sleep in a one-room shack in the slum with a door that does not lock.
en p Stop evictions until families have somewhere else to go.
en p Build low-cost housing for people who sleep on the streets.
sw s Mwenye nyumba amepandisha kodi ya nyumba tena, na tumeambiwa tuondoke mwisho wa mwezi.
sw s Walikuja na tingatinga, nyumba zetu zilibomolewa bila taarifa yoyote.
sw s Tunakaa kwenye mtaa wa mabanda, chumba kimoja kwa watu saba.
sw p Kusiwe na kufukuzwa hadi familia zipate mahali pengine.
sw p Yajengwe makazi ya bei nafuu kwa watu wanaolala barabarani.
ne s घरबेटीले फेरि भाडा बढायो, महिनाको अन्त्यसम्म डेरा छोड्न भन्यो।
ne s डोजर ल्याएर हाम्रो बस्ती भत्काइयो, कुनै सूचना दिइएन।
ne s सुकुम्बासी भएकाले कहिले उठिबास लाग्छ थाहा छैन।
ne p वैकल्पिक आवास नदिई कसैलाई बेदखल नगरियोस्।
ne p सुकुम्बासीलाई सस्तो आवास बनाइदिनुहोस्।
bn s বাড়িওয়ালা আবার ভাড়া বাড়িয়েছে, মাসের শেষে ঘর ছাড়তে বলেছে।
bn s বুলডোজার এনে কোনো নোটিশ ছাড়াই বস্তি উচ্ছেদ করা হয়েছে।
bn s রাতে ফুটপাতে ঘুমাই, কোনো আশ্রয় নেই।
bn p পুনর্বাসন ছাড়া কাউকে উচ্ছেদ করা যাবে না।
bn p ফুটপাতে থাকা মানুষের জন্য রাতের আশ্রয়কেন্দ্র চাই।
vi s Chủ nhà lại tăng tiền thuê, bảo cuối tháng phải dọn đi.
vi s Họ đến giải tỏa, nhà tạm của chúng tôi bị phá mà không báo trước.
vi s Cả nhà năm người ở chung một phòng trọ chật chội.
vi p Không được cưỡng chế khi người dân chưa có chỗ ở mới.
vi p Xây nhà ở giá rẻ cho người lao động nghèo.
[water_sanitation]
en s We walk two hours to fetch water, and the borehole is often broken.
en s There is no toilet, so women wait until dark to go outside.
en s The water from the tap is dirty, and the children get sick.
en p Repair the borehole and train someone nearby to maintain it.
en p Build clean public toilets with lights and locks.
sw s Tunatembea saa mbili kuchota maji, na kisima huharibika mara kwa mara.
sw s Hakuna choo, kwa hiyo wanawake husubiri giza liingie.
sw s Maji ya bomba ni machafu na watoto huugua.
sw p Kisima kirekebishwe na mtu wa hapa afundishwe kukihudumia.
sw p Vyoo safi vya umma vijengwe vyenye taa.
ne s पानी ल्याउन दुई घण्टा हिँड्नुपर्छ, धारा प्रायः सुक्छ।
ne s शौचालय नभएकाले महिलाहरू अँध्यारो कुर्छन्।
ne s खानेपानी फोहोर छ, बच्चाहरू बिरामी पर्छन्।
ne p हरेक टोलमा सफा खानेपानीको धारा जडान गरियोस्।
ne p सार्वजनिक शौचालय बनाइदिनुहोस्।
bn s পানি আনতে দুই ঘণ্টা হাঁটতে হয়, নলকূপ প্রায়ই নষ্ট থাকে।
bn s টয়লেট নেই, তাই মেয়েরা অন্ধকার হওয়া পর্যন্ত অপেক্ষা করে।
bn s পানি নোংরা, বাচ্চাদের ডায়রিয়া লেগেই থাকে।
bn p প্রতিটি পাড়ায় বিশুদ্ধ পানির ব্যবস্থা করুন।
bn p রাস্তার মানুষের জন্য বিনামূল্যে পাবলিক টয়লেট চাই।
vi s Phải đi bộ hai tiếng mới gánh nước về, giếng thì hay cạn.
vi s Nhà không có nhà vệ sinh, phụ nữ phải đợi trời tối.
vi s Không có nước sạch, bọn trẻ hay bị tiêu chảy.
vi p Làm hệ thống nước sạch về tận bản.
vi p Xây nhà vệ sinh công cộng sạch sẽ.
[food_hunger]
en s Most days we eat once, and sometimes the children go to bed hungry.
en s When food prices went up we started skipping lunch.
en s Hunger is the first thing we fight every morning.
en p Open community kitchens so no family goes hungry.
en p Control food prices in the dry months.
sw s Siku nyingi tunapata mlo mmoja, na watoto hulala na njaa.
sw s Bei ya chakula ilipopanda tuliacha kula mchana.
sw s Njaa ndiyo adui yetu mkubwa kila asubuhi.
sw p Watoto wapewe chakula cha mchana kila siku.
sw p Bei ya vyakula idhibitiwe wakati wa kiangazi.
ne s धेरैजसो दिन एक छाक मात्र खान्छौं, बच्चाहरू भोकै सुत्छन्।
ne s खाद्यान्नको भाउ बढेपछि दिउँसोको खाना छोड्यौं।
ne s भोकमरी हाम्रो सबैभन्दा ठूलो समस्या हो।
ne p गरिब परिवारलाई सस्तो मूल्यमा खाद्यान्न दिनुहोस्।
ne p बच्चाहरूलाई दिउँसोको खाना नियमित दिइयोस्।
bn s বেশিরভাগ দিন এক বেলা খাবার জোটে, বাচ্চারা না খেয়ে ঘুমায়।
bn s চালের দাম বাড়ার পর থেকে দুপুরের খাবার বাদ দিই।
bn s খিদে নিয়েই প্রতিটা সকাল শুরু হয়।
bn p গরিব পরিবারকে কম দামে খাবার দিন।
bn p শিশুদের জন্য প্রতিদিন পুষ্টিকর খাবার চাই।
vi s Nhiều hôm cả nhà chỉ có một bữa ăn, bọn trẻ đi ngủ với cái bụng đói.
vi s Giá gạo tăng nên nhà tôi thiếu ăn mấy tháng giáp hạt.
vi s Cái đói đeo bám gia đình tôi quanh năm.
vi p Cấp gạo cho các gia đình thiếu ăn lúc giáp hạt.
vi p Cho trẻ em bữa ăn trưa miễn phí.
[discrimination_stigma]
en s People look down on us because of where we come from.
en s At the office they insulted me because of my caste.
en s There is a lot of stigma, and neighbours will not share a cup with us.
en p Punish discrimination by officials and teach respect in every community.
en p Train staff to serve everyone the same way, whatever their caste or tribe.
sw s Watu wanatudharau kwa sababu ya tunakotoka.
sw s Ofisini walinibagua kwa sababu ya kabila langu.
sw s Kuna unyanyapaa mkubwa, majirani hawataki hata kushiriki kikombe nasi.
sw p Ubaguzi unaofanywa na maafisa uadhibiwe.
sw p Wafanyakazi wa umma wafundishwe kuhudumia kila mtu bila ubaguzi.
ne s हामी जहाँबाट आएका हौं, त्यसैले मानिसहरू हेला गर्छन्।
ne s कार्यालयमा जातको कारण मलाई अपमान गरियो।
ne s छुवाछूत अझै छ, छिमेकीहरू हाम्रो घरमा पस्दैनन्।
ne p कर्मचारीले गर्ने भेदभावमा कारबाही होस्।
ne p हरेक समुदायमा छुवाछूत विरुद्ध सचेतना गरियोस्।
bn s আমরা কোথা থেকে এসেছি বলে মানুষ আমাদের ছোট চোখে দেখে।
bn s অফিসে গেলে অপমান করে কথা বলে।
bn s প্রতিবেশীরা ঘৃণা করে, এক কাপে চা খেতে দেয় না।
bn p সরকারি অফিসে বৈষম্য করলে শাস্তি দিন।
bn p বৈষম্য ছাড়া সবাইকে সেবা দিতে কর্মীদের প্রশিক্ষণ দিন।
vi s Người ta coi thường chúng tôi vì là người dân tộc.
vi s Đi chợ dưới xuôi bị người ta phân biệt đối xử.
vi s Nhiều người kỳ thị, không muốn ngồi cùng mâm với chúng tôi.
vi p Xử lý nghiêm cán bộ phân biệt đối xử với dân.
vi p Tuyên truyền để bà con không kỳ thị lẫn nhau.
[gender_based_violence]
en s My husband beats me when he drinks, and I have nowhere to go.
en s Girls are harassed on the way to the market.
en s His family still asks for dowry, and the abuse started when we could not pay.
en p Open a safe house for women who escape violence.
en p Make it easy for women to report abuse without shame.
sw s Mume wangu ananipiga akilewa, na sina pa kwenda.
sw s Wasichana hupata unyanyasaji njiani kwenda sokoni.
sw s Ukatili ndani ya familia umekuwa jambo la kawaida hapa.
sw p Kuwe na nyumba salama kwa wanawake wanaokimbia ukatili.
sw p Wanawake wasaidiwe kuripoti unyanyasaji bila aibu.
ne s श्रीमान्ले रक्सी खाएपछि कुटपिट गर्छन्, म कहाँ जाऊँ थाहा छैन।
ne s बजार जाने बाटोमा केटीहरूलाई दुर्व्यवहार हुन्छ।
ne s दाइजो नल्याएको भन्दै घरमा हिंसा सुरु भयो।
ne p हिंसा पीडित महिलाका लागि सुरक्षित गृह खोलियोस्।
ne p दाइजो र घरेलु हिंसाविरुद्ध कडा कारबाही होस्।
bn s স্বামী নেশা করে মারধর করে, কোথাও যাওয়ার জায়গা নেই।
bn s বাজারে যাওয়ার পথে মেয়েরা হয়রানির শিকার হয়।
bn s যৌতুক দিতে না পারায় শ্বশুরবাড়িতে নির্যাতন শুরু হয়।
bn p নির্যাতনের শিকার নারীদের জন্য হেল্পলাইন ও আইনি সহায়তা দিন।
bn p যৌতুক নিলে কঠোর শাস্তি দিন।
vi s Chồng tôi say rượu là đánh đập vợ con.
vi s Con gái đi chợ hay bị quấy rối dọc đường.
vi s Bạo lực trong gia đình ở đây nhiều người coi là chuyện bình thường.
vi p Cần có nơi tin cậy cho phụ nữ bị bạo lực.
vi p Xử lý nghiêm kẻ đánh đập phụ nữ.
[child_marriage]
en s I was married at fifteen and had to leave my studies.
en s Here girls are married off as soon as they finish primary.
en s Child marriage is still common because families cannot feed many children.
en p Enforce the law against child marriage everywhere.
en p Reward families who delay early marriage.
sw s Niliozwa nikiwa na miaka kumi na tano.
sw s Hapa ndoa za utotoni ni jambo la kawaida.
sw s Wazazi wengi huwaoza binti zao kwa ajili ya mahari; ndoa ya utotoni huwaumiza.
sw p Sheria dhidi ya ndoa za utotoni itekelezwe kila mahali.
sw p Familia zinazochelewesha ndoa za mapema zipewe motisha.
ne s मलाई पन्ध्र वर्षमै बिहे गरिदिए।
ne s यहाँ छोरीलाई सानै उमेरमा बिहे गर्ने चलन छ।
ne s बाल विवाह अझै रोकिएको छैन।
ne p बाल विवाह गराउनेलाई कडा सजाय होस्।
ne p कम उमेरमा बिहे नगराउने परिवारलाई प्रोत्साहन दिइयोस्।
bn s পনেরো বছর বয়সে আমার বিয়ে দিয়ে দেয়।
bn s এখানে অল্প বয়সে বিয়ে দেওয়াটাই নিয়ম।
bn s বাল্যবিবাহ এখনো বন্ধ হয়নি।
bn p বাল্যবিবাহ দিলে কঠোর শাস্তি দিন।
bn p যে পরিবার কম বয়সে বিয়ে দেয় না, তাদের পুরস্কার দিন।
vi s Tôi bị ép gả năm mười lăm tuổi.
vi s Ở bản, con gái lấy chồng sớm lắm.
vi s Tảo hôn vẫn còn vì nhà nghèo đông con.
vi p Xử lý nghiêm các trường hợp tảo hôn.
vi p Tuyên truyền cho cha mẹ không ép con cưới sớm.
[disability_access]
en s I use a wheelchair, and there is no ramp at the chief's office.
en s Being blind, I cannot read the notices they put up.
en s My son is deaf, and nobody here knows sign language.
en p Build ramps at every public building.
en p Give persons with disabilities the assistive devices they need.
sw s Natumia kiti cha magurudumu, na ofisi hazina njia ya kupanda.
sw s Kwa sababu ya ulemavu wangu siwezi kusoma matangazo.
sw s Mwanangu ni kiziwi na hakuna anayejua lugha ya ishara hapa.
sw p Majengo yote ya umma yawe na njia za walemavu.
sw p Watu wenye ulemavu wapewe vifaa saidizi bure.
ne s म ह्वीलचियर प्रयोग गर्छु, कार्यालय जाने बाटो छैन।
ne s अपाङ्गता भएकाले सूचना हेर्न सक्दिनँ।
ne s छोरा बहिरा छ, यहाँ कसैलाई सांकेतिक भाषा आउँदैन।
ne p सबै सरकारी भवनमा अपाङ्गमैत्री बाटो बनाइयोस्।
ne p अपाङ्गता भएका व्यक्तिलाई सहायक सामग्री निःशुल्क दिइयोस्।
bn s আমি হুইলচেয়ার ব্যবহার করি, অফিসে ওঠার কোনো ব্যবস্থা নেই।
bn s দৃষ্টি প্রতিবন্ধী বলে নোটিশ পড়তে পারি না।
bn s ছেলে বধির, এখানে কেউ ইশারা ভাষা জানে না।
bn p সব সরকারি ভবন প্রতিবন্ধীবান্ধব করুন।
bn p প্রতিবন্ধী মানুষদের বিনামূল্যে হুইলচেয়ার দিন।
vi s Tôi đi xe lăn mà trụ sở xã không có lối đi cho người khuyết tật.
vi s Tôi bị khiếm thị nên không đọc được thông báo.
vi s Con trai tôi khiếm thính, ở đây không ai biết ngôn ngữ ký hiệu.
vi p Công trình công cộng phải có lối đi cho xe lăn.
vi p Cấp dụng cụ trợ giúp miễn phí cho người khuyết tật.
[legal_identity]
en s My children have no birth certificate, so they do not exist on paper.
en s Without an identity card I cannot open an account or get a SIM card.
en s I lost all my documents in the fire, and the office wants money to replace them.
en p Bring birth registration closer and make it free.
en p Let people get an identity card in one visit.
sw s Watoto wangu hawana cheti cha kuzaliwa, kwa hiyo hawatambuliwi popote.
sw s Bila kitambulisho cha taifa siwezi kufungua akaunti wala kupata laini ya simu.
sw s Nilipoteza vitambulisho vyote kwenye moto, na ofisi inataka pesa kuvirudisha.
sw p Usajili wa vizazi ufanyike karibu nasi na uwe bure.
sw p Vitambulisho vitolewe kwa siku moja bila usumbufu.
ne s बच्चाहरूको जन्मदर्ता छैन, त्यसैले कतै नाम लेखिँदैन।
ne s नागरिकता प्रमाणपत्र नहुँदा बैंक खाता खोल्न पाइनँ।
ne s आमाको नामबाट नागरिकता बनाउन दिँदैनन्।
ne p आमाको नामबाट पनि नागरिकता प्रमाणपत्र दिइयोस्।
ne p वडामै जन्मदर्ता शिविर चलाइयोस्।
bn s বাচ্চাদের জন্ম নিবন্ধন নেই, তাই কোথাও নাম ওঠে না।
bn s পরিচয়পত্র না থাকায় ব্যাংক হিসাব খুলতে পারি না।
bn s আগুনে সব কাগজপত্র পুড়ে গেছে, নতুন করতে টাকা চায়।
bn p ঠিকানা না থাকলেও জন্ম নিবন্ধন করার সুযোগ দিন।
bn p রাস্তার মানুষের জন্য বিনামূল্যে পরিচয়পত্র দিন।
vi s Các con tôi không có giấy khai sinh nên không được tính là ai cả.
vi s Không có căn cước thì không mở được tài khoản ngân hàng.
vi s Nhà cháy mất hết giấy tờ, làm lại thì phải đi lại nhiều lần.
vi p Đưa cán bộ về tận bản làm giấy khai sinh miễn phí.
vi p Làm căn cước cho người già ngay tại xã.
[participation_voice]
en s They hold meetings in town, but nobody listens to people like us.
en s Decisions about our area are made without asking us.
en s Women are told to keep quiet when the leaders come.
en p Consult the community before any project starts.
en p Reserve seats for women and young people in local meetings.
sw s Wanafanya mikutano mjini, lakini hawatusikilizi watu kama sisi.
sw s Maamuzi kuhusu eneo letu hufanywa bila kutuuliza.
sw s Viongozi wakija, wanawake huambiwa wanyamaze.
sw p Jamii ishirikishwe kabla mradi wowote kuanza; sauti yetu isikike.
sw p Nafasi zitengwe kwa wanawake na vijana kwenye baraza la eneo.
ne s बैठक सहरमा हुन्छ, हामीजस्ताको कुरा कसैले सुन्दैनन्।
ne s हाम्रो क्षेत्रबारे निर्णय हामीलाई नसोधी गरिन्छ।
ne s जनप्रतिनिधि आउँदा महिलालाई चुप लाग्न भनिन्छ।
ne p योजना बनाउँदा समुदायको सहभागिता अनिवार्य होस्।
ne p टोल भेलामा महिला र युवाको कुरा सुनियोस्।
bn s সভা হয় শহরে, আমাদের মতো মানুষের কথা কেউ শোনে না।
bn s আমাদের এলাকার সিদ্ধান্ত আমাদের না জিজ্ঞেস করেই নেওয়া হয়।
bn s জনপ্রতিনিধি এলে মেয়েদের চুপ থাকতে বলা হয়।
bn p যেকোনো প্রকল্পের আগে এলাকার মানুষের মতামত নিন।
bn p স্থানীয় সভায় নারী ও তরুণদের জন্য আসন রাখুন।
vi s Cuộc họp thì tổ chức ở huyện, người như chúng tôi chẳng được hỏi.
vi s Những quyết định về bản làng đều đưa ra mà không hỏi dân.
vi s Phụ nữ ít khi được nêu ý kiến trong họp thôn.
vi p Lấy ý kiến người dân trước khi làm dự án.
vi p Để phụ nữ và thanh niên có tiếng nói trong các cuộc họp.
[climate_disasters]
en s The floods last year took our chickens and the roof of the house.
en s Drought comes more often now, and the rivers dry up early.
en s After the cyclone we slept under plastic for two months.
en p Warn us early before floods and storms.
en p Help families rebuild stronger homes after disasters.
sw s Mafuriko ya mwaka jana yalisomba kuku wetu na paa la nyumba.
sw s Ukame unakuja mara nyingi sasa, mito inakauka mapema.
sw s Mvua zimebadilika, hatujui tena lini tupande.
sw p Tupewe tahadhari mapema kabla ya mafuriko.
sw p Familia zisaidiwe kujenga upya baada ya ukame na mafuriko.
ne s गत वर्षको बाढीले घर र बाख्रा बगायो।
ne s पहिरोको डरले वर्षाभरि निदाउन सक्दैनौं।
ne s खडेरी बढ्दै गएको छ, खोला चाँडै सुक्छ।
ne p बाढी र पहिरो आउनुअघि पूर्वसूचना दिइयोस्।
ne p भूकम्पपछि बलियो घर बनाउन सहयोग गरियोस्।
bn s গত বছরের বন্যায় ঘরের চাল আর ছাগল ভেসে গেছে।
bn s নদীভাঙনে আমাদের ভিটেমাটি চলে গেছে।
bn s ঘূর্ণিঝড়ের পর দুই মাস পলিথিনের নিচে ছিলাম।
bn p বন্যা ও ঘূর্ণিঝড়ের আগে সময়মতো সতর্কবার্তা দিন।
bn p দুর্যোগের পর মজবুত ঘর বানাতে সাহায্য করুন।
vi s Trận lũ năm ngoái cuốn trôi cả đàn gà và mái nhà.
vi s Hạn hán ngày càng nhiều, suối cạn sớm.
vi s Sau cơn bão cả nhà phải ở lều bạt hai tháng.
vi p Cảnh báo sớm trước khi có lũ lụt và sạt lở.
vi p Giúp dựng lại nhà kiên cố sau thiên tai.
[social_protection]
en s I am seventy, and the old age pension has not come for three months.
en s We were removed from the cash transfer list, and nobody told us why.
en s The widow's allowance is too small to buy anything.
en p Pay pensions on time and close to home.
en p Publish the list of who gets the cash transfer so people can check.
sw s Nina miaka sabini na pesa za Inua Jamii hazijafika kwa miezi mitatu.
sw s Tuliondolewa kwenye orodha ya msaada wa serikali bila maelezo.
sw s Ruzuku tunayopata ni ndogo mno.
sw p Pensheni ya wazee ilipwe kwa wakati.
sw p Orodha ya wanaopata msaada wa serikali iwekwe wazi.
ne s सत्तरी वर्ष पुगें, तर तीन महिनादेखि वृद्ध भत्ता आएको छैन।
ne s सामाजिक सुरक्षाको सूचीबाट हाम्रो नाम हटाइयो, किन हो थाहा छैन।
ne s सरकारले दिने राहत हामीसम्म आइपुगेन।
ne p भत्ता समयमै र घरनजिकै पाइयोस्।
ne p सामाजिक सुरक्षाको सूची सार्वजनिक गरियोस्।
bn s বয়স সত্তর, কিন্তু তিন মাস ধরে বয়স্ক ভাতা পাইনি।
bn s ভিজিএফ কার্ডের তালিকা থেকে আমাদের নাম বাদ দিয়েছে।
bn s ত্রাণ আসে, কিন্তু আমাদের পর্যন্ত পৌঁছায় না।
bn p সময়মতো আর কাছাকাছি জায়গায় ভাতা দিন।
bn p কারা সামাজিক সুরক্ষা পায়, সেই তালিকা প্রকাশ করুন।
vi s Tôi bảy mươi tuổi mà ba tháng nay chưa nhận được trợ cấp.
vi s Nhà tôi bị rút khỏi danh sách hộ nghèo mà không ai giải thích.
vi s Lương hưu không có, tuổi già chỉ biết trông vào con cái.
vi p Chi trả trợ cấp đúng hạn và gần nơi ở.
vi p Công khai danh sách hộ nghèo để dân kiểm tra.
[safety_policing]
en s The police ask us for a bribe every time they pass our stall.
en s After dark the area is unsafe, and thieves broke into our room twice.
en s My brother was arrested for sleeping on the street.
en p Put street lights on the paths so the area is no longer unsafe at night.
en p Punish police officers who take bribes.
sw s Polisi hutuomba hongo kila wanapopita kibanda chetu.
sw s Giza likiingia hakuna usalama, wezi wamevunja chumba chetu mara mbili.
sw s Kaka yangu alikamatwa kwa kulala barabarani.
sw p Taa ziwekwe njiani ili kuimarisha usalama usiku.
sw p Polisi wanaochukua hongo waadhibiwe.
ne s प्रहरीले हरेक पटक पसल हटाउन घुस माग्छ।
ne s अँध्यारो भएपछि यहाँ असुरक्षित हुन्छ, दुई पटक चोरी भयो।
ne s भाइलाई बाटोमा सुतेको भन्दै पक्राउ गरियो।
ne p बाटोमा बत्ती राखियोस्, राति हिँड्न डर लाग्छ।
ne p घुस लिने प्रहरीलाई कारबाही होस्।
bn s পুলিশ প্রতিবার দোকান সরানোর কথা বলে ঘুষ চায়।
bn s রাতে এখানে নিরাপত্তা নেই, দুবার চুরি হয়েছে।
bn s রাস্তায় ঘুমানোর জন্য ভাইকে গ্রেফতার করেছে।
bn p রাস্তায় বাতি দিন, রাতে চলতে ভয় লাগে।
bn p মাস্তানদের চাঁদাবাজি বন্ধ করুন।
vi s Công an phường lần nào đi qua cũng đòi tiền, không khác gì hối lộ.
vi s Tối đến khu này mất an ninh, nhà tôi bị trộm cắp hai lần.
vi s Em trai tôi bị bắt chỉ vì ngủ ngoài vỉa hè.
vi p Lắp đèn đường để người dân đi lại an toàn ban đêm.
vi p Xử lý công an nhận hối lộ.
[care_work]
en s I look after my mother-in-law and four children, so I cannot take paid work.
en s The housework never ends, and my husband does not help.
en s Caring for my sick father takes all my days.
en p Open affordable childcare near the market so mothers can go out to work.
en p Share the chores; men should be taught this too.
sw s Kazi yangu ni kumtunza bibi yangu mgonjwa na watoto wanne.
sw s Kazi za nyumbani haziishi, na mume wangu hasaidii.
sw s Kulea watoto peke yangu kunanichosha sana.
sw p Vituo vya malezi ya watoto vijengwe karibu na soko.
sw p Wanaume wafundishwe kushiriki kazi za nyumbani.
ne s सासू र चार बच्चाको हेरचाह गर्नुपर्छ, बाहिर काम गर्न भ्याउँदिनँ।
ne s घरायसी काम कहिल्यै सकिँदैन, श्रीमान् सघाउँदैनन्।
ne s बिरामी ससुराको स्याहारमा सबै दिन जान्छ।
ne p बजारनजिक बालबालिका हेरचाह केन्द्र खोलियोस्।
ne p पुरुषलाई पनि घरको काम बाँड्न सिकाइयोस्।
bn s শাশুড়ি আর চার বাচ্চার দেখাশোনা করি, বাইরে কাজ করার সময় নেই।
bn s ঘরের কাজ শেষ হয় না, স্বামী কোনো সাহায্য করে না।
bn s অসুস্থ শ্বশুরের সেবা যত্নে সারাদিন চলে যায়।
bn p বাজারের কাছে বাচ্চাদের দেখাশোনার কেন্দ্র খুলুন।
bn p পুরুষদেরও ঘরের কাজ ভাগ করে নিতে শেখান।
vi s Tôi phải chăm sóc mẹ chồng và bốn đứa con nên không đi làm được.
vi s Việc nhà không bao giờ hết, chồng tôi chẳng phụ giúp.
vi s Ở nhà trông con suốt ngày, tôi không có thời gian cho mình.
vi p Mở nhà trẻ gần chợ để các mẹ bớt gánh nặng chăm sóc con nhỏ.
vi p Vận động đàn ông cùng làm việc nhà.
[migration]
en s My husband migrated to the city, and the money he sends is not enough.
en s We were displaced by the fighting and left our village with nothing.
en s Many young men work abroad, and the women stay behind with everything.
en p Protect migrant workers from agents who cheat them.
en p Help displaced families register where they settle.
sw s Mume wangu alihamia mjini, na pesa anazotuma hazitoshi.
sw s Tulihama kwa sababu ya vita, tukaacha kila kitu.
sw s Vijana wengi wanafanya kazi nje ya nchi, wanawake wanabaki na mzigo wote.
sw p Wahamiaji walindwe dhidi ya mawakala wadanganyifu.
sw p Wakimbizi wa ndani wasaidiwe kuanza maisha mapya.
ne s श्रीमान् काम खोज्दै विदेश गएका छन्, पठाएको पैसाले पुग्दैन।
ne s यहाँका धेरै युवा भारत जान्छन्, महिलाहरू मात्र बाँकी छौं।
ne s बसाइँसराइ गरेपछि नयाँ ठाउँमा कोही चिन्दैन।
ne p विदेश जाने कामदारलाई ठगीबाट जोगाइयोस्।
ne p बसाइँसराइ गरेका परिवारलाई दर्ता गर्न सजिलो बनाइयोस्।
bn s কাজের খোঁজে স্বামী শহরে চলে গেছে, যা পাঠায় তাতে চলে না।
bn s অভাবের কারণে গ্রাম ছেড়ে ঢাকায় এসেছি।
bn s আমরা ভাসমান মানুষ, আজ এখানে কাল ওখানে থাকি।
bn p বিদেশে যাওয়া শ্রমিকদের দালালের প্রতারণা থেকে রক্ষা করুন।
bn p ভাসমান মানুষের জন্য শহরে থাকার ব্যবস্থা করুন।
vi s Chồng tôi đi làm xa trong Nam, tiền gửi về không đủ tiêu.
vi s Thanh niên trong bản bỏ quê lên thành phố hết, chỉ còn người già.
vi s Nhà tôi di cư xuống đây, chẳng quen biết ai.
vi p Bảo vệ người đi xuất khẩu lao động khỏi bị lừa.
vi p Người di cư phải được hưởng dịch vụ như người tại chỗ.
"""


def _parse(text: str) -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    bank: dict = {}
    section = None
    for line in text.strip().splitlines():
        if line.startswith("["):
            section = bank.setdefault(line.strip("[]"), {})
            continue
        lang, kind, sentence = line.split(" ", 2)
        section.setdefault(lang, {}).setdefault(kind, []).append(sentence)
    return {
        theme: {lang: {k: tuple(v) for k, v in kinds.items()} for lang, kinds in langs.items()}
        for theme, langs in bank.items()
    }


BANK = _parse(_BANK)
"""Theme (and ``_frame``) to language to kind (``s``, ``p``, ``o``, ``c``) to sentences."""
FRAME = BANK.pop("_frame")

# Personal-data canaries: (pattern, sentence); the pattern appears in the sentence EXACTLY, so a
# redactor tested against the patterns is tested against the stories. Placeholders that stand
# next to each other ("{First} {Last}") form one canary string.
CANARIES = {
    "en": [
        ("My name is {First} {Last}.", "My name is {First} {Last}."),
        ("my neighbour {First} {Last}", "I came here with my neighbour {First} {Last}."),
        ("Mama {First}", "Mama {First} next door sometimes gives us a little help."),
        ("call me on {phone}", "If you need more, call me on {phone}."),
        ("my number is {phone}", "Anyone can reach me, my number is {phone}."),
        ("write to {email}", "You can also write to {email}."),
        ("my ID number is {id}", "For your list, my ID number is {id}."),
        ("I live in {Place} village", "I live in {Place} village."),
        ("we moved from {Place}", "Four years ago we moved from {Place}."),
    ],
    "sw": [
        ("Jina langu ni {First} {Last}.", "Jina langu ni {First} {Last}."),
        ("Naitwa {First} {Last}.", "Naitwa {First} {Last}."),
        ("Mama {First}", "Mama {First} wa jirani hunisaidia kidogo."),
        ("nipigie kwa {phone}", "Ukitaka zaidi nipigie kwa {phone}."),
        ("nambari yangu ni {phone}", "Ukitaka kunifikia, nambari yangu ni {phone}."),
        ("kitambulisho changu ni {id}", "Nambari ya kitambulisho changu ni {id}."),
        ("kijiji cha {Place}", "Ninatoka kijiji cha {Place}."),
        ("tunaishi {Place}", "Sasa tunaishi {Place}."),
    ],
    "ne": [
        ("मेरो नाम {First} {Last} हो।", "मेरो नाम {First} {Last} हो।"),
        ("मेरो फोन नम्बर {phone} हो।", "मेरो फोन नम्बर {phone} हो।"),
        ("नागरिकता नम्बर {id}", "मेरो नागरिकता नम्बर {id} हो।"),
        ("{Place} गाउँमा बस्छु।", "म {Place} गाउँमा बस्छु।"),
    ],
    "bn": [
        ("আমার নাম {First} {Last}।", "আমার নাম {First} {Last}।"),
        ("আমার ফোন নম্বর {phone}।", "আমার ফোন নম্বর {phone}।"),
        ("এনআইডি নম্বর {id}", "আমার এনআইডি নম্বর {id}।"),
        ("{Place} গ্রামে থাকি।", "আমি {Place} গ্রামে থাকি।"),
    ],
    "vi": [
        ("Tên tôi là {First} {Last}.", "Tên tôi là {First} {Last}."),
        ("Tôi tên là {Last} {Middle} {First}.", "Tôi tên là {Last} {Middle} {First}."),
        ("Số điện thoại của tôi là {phone}.", "Số điện thoại của tôi là {phone}."),
        ("CCCD của tôi là {id}.", "CCCD của tôi là {id}."),
        ("Tôi sống ở thôn {Place}.", "Tôi sống ở thôn {Place}."),
        ("Tôi đến từ {Place}.", "Tôi đến từ {Place}."),
    ],
}

# Invented names, in the script of each language. Vietnamese given names carry their middle name.
_KEN = (
    "Nyambura Achieng Chelimo Wambui Atieno Kerubo Jeptoo Nafula Kiprono Ouma",
    "Kamau Odhiambo Kipchumba Wekesa Mutua Njoroge Omondi Kariuki Wafula Chepkoech",
)
NAMES = {
    ("KEN", "en"): _KEN,
    ("KEN", "sw"): _KEN,
    ("NPL", "en"): (
        "Sunmaya Kopila Dilmaya Januka Pabitra Lalmati Bimala Tikaram",
        "Pariyar Bishwokarma Rokaya Dhami Bohara Saud Khadka Mahara",
    ),
    ("NPL", "ne"): (
        "सुनमाया कोपिला दिलमाया जनुका पवित्रा लालमती बिमला टीकाराम",
        "परियार विश्वकर्मा रोकाया धामी बोहरा साउद खड्का महरा",
    ),
    ("BGD", "en"): (
        "Rokeya Shirin Morjina Kulsum Tahmina Rashida Moinul Jalal",
        "Khatun Howlader Talukder Mondol Shikder Akand Bepari Molla",
    ),
    ("BGD", "bn"): (
        "রোকেয়া শিরিন মর্জিনা কুলসুম তাহমিনা রাশিদা মইনুল জালাল",
        "খাতুন হাওলাদার তালুকদার মন্ডল শিকদার আকন্দ বেপারী মোল্লা",
    ),
    ("VNM", "en"): (
        "Quynh Khue Diep Thoa Nguyet Tham Khai Sinh",
        "Nguyen Tran Pham Sung Thao Bui Vuong Luu",
    ),
    ("VNM", "vi"): (
        "Quỳnh:Thị Khuê:Thị Diệp:Thị Thoa:Thị Nguyệt:Thị Thắm:Thị Khải:Văn Sính:Văn",
        "Nguyễn Trần Phạm Sùng Thào Bùi Vương Lưu",
    ),
}

# Invented village names: the "places" a redactor is told about (add them to the country config).
VILLAGES = {
    ("KEN", "en"): ("Kaburoini", "Ndolotia", "Mwamatuga", "Sirikwana", "Kiptorok"),
    ("NPL", "en"): ("Simaltari", "Khorbhanjyang", "Dhunetar"),
    ("NPL", "ne"): ("सिमलटारी", "खोरभञ्ज्याङ", "धुनेटार"),
    ("BGD", "en"): ("Charkuripara", "Noyapolia", "Baligachhi"),
    ("BGD", "bn"): ("চরকুড়িপাড়া", "নয়াপলিয়া", "বালিগাছি"),
    ("VNM", "en"): ("Nam Khieu", "Pu Lac", "Khuoi Sam"),
    ("VNM", "vi"): ("Nậm Khiêu", "Pù Lắc", "Khuổi Sâm"),
}
VILLAGES[("KEN", "sw")] = VILLAGES[("KEN", "en")]

# How stories are composed: theme weights per country (default 1), multiplied by the weights of the
# person's groups; groups that only fit some age bands.
THEME_WEIGHTS = {
    "BGD": {"health_care": 6, "housing_eviction": 2, "work_income": 3, "safety_policing": 2},
    "KEN": {"land_farming": 3, "disability_access": 3, "housing_eviction": 3, "work_income": 3},
    "NPL": {"gender_based_violence": 3, "child_marriage": 3, "care_work": 3, "education": 3},
    "VNM": {"work_income": 3, "discrimination_stigma": 3, "disability_access": 3},
}
GROUP_THEMES = {
    "persons_with_disabilities": {"disability_access": 5},
    "slum_dwellers": {"housing_eviction": 3, "water_sanitation": 1.5},
    "street_dwellers": {"housing_eviction": 3, "safety_policing": 2},
    "floating_populations": {"migration": 3, "legal_identity": 2},
    "small_scale_farmers": {"land_farming": 4, "climate_disasters": 2},
    "older_people": {"social_protection": 3, "health_care": 2},
    "young_women_and_girls": {"child_marriage": 3, "gender_based_violence": 2, "education": 2},
    "women_and_girls": {"gender_based_violence": 2, "care_work": 2},
    "children": {"education": 3},
    "youth": {"work_income": 3, "participation_voice": 1.5},
    "people_in_poverty": {"food_hunger": 2, "work_income": 2, "social_protection": 2},
    "ethnic_minorities": {"discrimination_stigma": 3, "legal_identity": 1.5},
    "indigenous_peoples": {"land_farming": 2, "discrimination_stigma": 2},
    "caste_affected_groups": {"discrimination_stigma": 3},
    "migrants": {"migration": 3},
    "refugees_and_displaced_people": {"migration": 2, "legal_identity": 2},
    "people_affected_by_crises": {"climate_disasters": 3},
    "people_living_with_hiv": {"discrimination_stigma": 2, "health_care": 2},
    "lgbtiq_people": {"discrimination_stigma": 3, "safety_policing": 1.5},
}
FOR_AGES = {
    "children": {"10_14", "15_17"},
    "youth": {"15_17", "18_24", "25_34"},
    "young_women_and_girls": {"10_14", "15_17", "18_24"},
    "older_people": {"60_plus"},
}

# Phone and identity-number formats of the canaries: "#" is any digit, "@" a digit 1-9 and "%" a
# digit 3-9 (Bangladeshi operator codes).
PHONES = {
    "KEN": ("+254 7## ### ###", "07## ### ###"),
    "NPL": ("+977-98########", "98########"),
    "BGD": ("+880 1%##-######", "01%##-######"),
    "VNM": ("+84 9## ### ###", "09## ### ###"),
}
IDS = {
    "KEN": ("@#######",),  # national ID card: 8 digits
    "NPL": ("@#-##-@#-#####",),  # citizenship certificate
    "BGD": ("@#########", "19###########"),  # NID: 10 or 13 digits
    "VNM": ("0@##########",),  # CCCD: 12 digits
}
