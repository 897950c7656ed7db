"""Targets: the threshold inside a target text, or None when the officer must judge.

Expected values are written by hand from reading each text. Cell texts are copied from
the seed appendices (a cell split over two pages is joined with one space) and from the
inline "a) Mục tiêu, yêu cầu:" lines of seeds/000.

Choices for ambiguous texts (documented here and in parcdesk.parsing.targets):

- "Thực hiện đầy đủ 03 hoạt động …" → ≥ 3 "hoạt động": the officer counts the
  activities done; "Tuyên truyền CCHC cả 3 hình thức …" → ≥ 3 "hình thức" likewise.
- "Sử dụng không vượt quá so với tổng số biên chế …" → None: the ceiling is a number
  the text does not give (the staffing quota).
- "Có các kiến nghị cải cách TTHC …", "Hoàn thành đúng tiến độ tất cả các nhiệm vụ",
  "… đạt điểm đánh giá từ tốt trở lên" → None: no number written; only "Có sáng kiến"
  (the PAR INDEX innovation criterion) is read as ≥ 1.
- "… từ vị trí thứ 11 đến 30 …" (a rank range) → None: not one threshold.
- A text listing several thresholds gives the first one written, even after a clause
  with none ("Địa phương ban hành quy chế …; (3) từ 80% trở lên …" → ≥ 80 %).
- "Tăng ít nhất 02% so với năm 2022" without the year's result → None: the officer
  records the level reached, which cannot be compared with an increase.
- "ít nhất một trong các hình thức" → ≥ 1 with no unit: the unit is taken only when it is
  written right after the number.
"""

import pytest

from parcdesk.parsing.targets import Threshold, parse_target

P = "%"

CASES = [
    # --- the brief and domain.md ---
    ("Hoàn thành 100% nhiệm vụ", None, (">=", 100, P)),
    ("Giải quyết đúng hạn 100%", None, (">=", 100, P)),
    ("Trên 99% hồ sơ … đúng hạn", None, (">", 99, P)),
    ("Tối thiểu 80", "%", (">=", 80, P)),
    ("đạt tối thiểu 15%", None, (">=", 15, P)),
    ("Từ 50 TTHC trở lên", None, (">=", 50, "TTHC")),
    ("Đạt 30 TTHC", None, (">=", 30, "TTHC")),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)", None, (">=", 85.99, P, 2022, 83.99)),
    ("Không có cán bộ, công chức bị kỷ luật", None, ("=", 0, None)),
    ("Không có sai phạm", None, ("=", 0, None)),
    ("Có sáng kiến hoặc giải pháp mới", None, (">=", 1, "sáng kiến")),
    ("ít nhất 01 sáng kiến", None, (">=", 1, "sáng kiến")),
    ("Thực hiện đầy đủ, đúng quy định", None, None),
    ("Ban hành kịp thời", None, None),
    ("Thị trấn kết nối", None, None),
    ("Đầy đủ số lượng, nội dung và gửi đúng thời gian theo quy định.", None, None),
    ("dưới 5%", None, ("<", 5, P)),
    ("không quá 2%", None, ("<=", 2, P)),
    ("Tỷ lệ hồ sơ trễ hạn tối đa 3%", None, ("<=", 3, P)),
    ("Tối đa 05 ngày làm việc", None, ("<=", 5, "ngày")),
    ("- 100% TTHC …; - 100% hồ sơ …", None, (">=", 100, P)),
    ("- Tỷ lệ số hóa hồ sơ ... đạt tối thiểu 15%.", None, (">=", 15, P)),
    ("100% vấn đề phát hiện qua kiểm tra hoàn thành việc xử lý", None, (">=", 100, P)),
    ("Thực hiện đầy đủ 03 hoạt động …", None, (">=", 3, "hoạt động")),
    ("Tuyên truyền CCHC cả 3 hình thức", None, (">=", 3, "hình thức")),
    ("Sử dụng không vượt quá so với tổng số biên chế", None, None),
    # --- numbers that are not thresholds ---
    ("Nghị định số 59/2012/NĐ-CP", None, None),
    ("Quyết định 1291/QĐ-TTg ngày 07/10/2019", None, None),
    ("năm 2024", None, None),
    ("(1) Tổ chức các hội nghị", None, None),
    ("Theo quy định tại Khoản 2 Điều 23 Luật Quản lý, sử dụng tài sản công", None, None),
    ("Giai đoạn 2021-2025", None, None),
    ("Tăng ít nhất 02% so với năm 2022", None, None),  # no baseline given
    ("", None, None),
    (None, None, None),
    ("", "%", None),
    ("2024", "%", None),  # a bare year in a target column is not a target
    # --- comparators, number forms and unit hints ---
    ("Tỷ lệ hồ sơ đúng hạn đạt 97,5%", None, (">=", 97.5, P)),  # decimal comma
    ("Tối thiểu 1.000 hồ sơ", None, (">=", 1000, "hồ sơ")),  # thousands dot
    ("Không dưới 90%", None, (">=", 90, P)),
    ("Không thấp hơn 85%", None, (">=", 85, P)),
    ("Hơn 50 TTHC", None, (">", 50, "TTHC")),
    ("Lớn hơn 10 hồ sơ", None, (">", 10, "hồ sơ")),
    ("Nhỏ hơn 2%", None, ("<", 2, P)),
    ("Không vượt quá 5%", None, ("<=", 5, P)),
    ("ít nhất một trong các hình thức", None, (">=", 1, None)),
    ("Tối thiểu 80%", "TTHC", (">=", 80, P)),  # the unit written in the text wins over the hint
    ("Từ 30", "TTHC", (">=", 30, "TTHC")),  # "từ N" with no upper bound is a minimum
    ("30", "TTHC", (">=", 30, "TTHC")),
    ("- 30 TTHC", None, (">=", 30, "TTHC")),
    ("từ 11 đến 30", None, None),  # a range, not a minimum
    ("Từ 80% - 90%", None, None),
    # --- seeds/000 appendix, "Mục tiêu, yêu cầu" column (every cell) ---
    ("Hoàn thành 100% nhiệm vụ được giao", None, (">=", 100, P)),
    ("Đầy đủ số lượng, nội dung và gửi đúng thời gian theo quy định.", None, None),
    ("Đảm bảo các điều kiện cần thiết phục vụ công tác kiểm tra theo Kế hoạch của Ủy ban nhân dân tỉnh, huyện", None, None),
    ("100% vấn đề phát hiện qua kiểm tra hoàn thành việc xử lý", None, (">=", 100, P)),
    (
        "<p>- Tuyên truyền CCHC cả 3 hình thức sau: (1) Tổ chức các hội nghị, (2) Đăng tải thông tin CCHC trên Cổng thông tin "
        "điện tử của thị trấn; (3) Tuyên truyền CCHC trên Loa Truyền thanh.</p> <p>- Ngoài các hình thức trên, tuyên truyền "
        "thêm ít nhất một trong các hình thức sau: Tổ chức cuộc thi tìm hiểu về CCHC; hoặc các hình thức tuyên truyền mới, "
        "sáng tạo khác.</p>",
        None, (">=", 3, "hình thức"),
    ),
    (
        "Có sáng kiến hoặc giải pháp mới trong công tác (Hàng năm, địa phương triển khai tối thiểu 01 sáng kiến, giải pháp "
        "mới trong CCHC và báo cáo Phòng Nội vụ để tổng hợp, gửi Sở Nội vụ thẩm định)",
        None, (">=", 1, "sáng kiến"),
    ),
    ("Thực hiện đầy đủ và đúng thời gian quy định, theo các văn bản chỉ đạo của UBND tỉnh, Chủ tịch UBND tỉnh giao", None, None),
    (
        "Thực hiện đầy đủ 03 hoạt động theo dõi tình hình thi hành pháp luật theo đúng quy định tại Nghị định số "
        "59/2012/NĐ-CP, Nghị định số 32/2020/NĐ-CP và các văn bản hướng dẫn thi hành, cụ thể: + Thực hiện thu thập thông "
        "tin về tình hình thi hành pháp luật. + Thực hiện công tác kiểm tra tình hình thi hành pháp luật. + Thực hiện hoạt "
        "động điều tra, khảo sát tình hình thi hành pháp luật.",
        None, (">=", 3, "hoạt động"),
    ),
    ("Ban hành đầy đủ văn bản xử lý hoặc kiến nghị xử lý kết quả TDTHPL theo thẩm quyền", None, None),
    (
        "Tham mưu Chủ tịch UBND thị trấn ban hành Quyết định ban hành danh mục văn bản hết hiệu lực, ngưng hiệu lực kịp "
        "thời và đúng quy định",
        None, None,
    ),
    ("100% văn bản hoàn thành việc xử lý", None, (">=", 100, P)),
    ("Có các kiến nghị cải cách TTHC, kiến nghị cụ thể sửa đổi bổ sung văn bản QPPL quy định TTHC", None, None),
    (
        "- Công khai TTHC đầy đủ, kịp thời trên Cổng/Trang thông tin điện tử; - Công khai TTHC đầy đủ, kịp thời tại Bộ "
        "phận Một cửa.",
        None, None,
    ),
    (
        "Công khai đầy đủ tiến độ, kết quả giải quyết hồ sơ TTHC trên Cổng TTĐT và Cổng dịch vụ công của tỉnh",
        None, None,
    ),
    (
        "100% số TTHC thuộc thẩm quyền giải quyết của cấp thị trấn được tiếp nhận và trả kết quả giải tại Bộ phận Một "
        "cửa của thị trấn",
        None, (">=", 100, P),
    ),
    (
        "100% số TTHC trong Danh mục TTHC được Thủ tướng Chính phủ phê duyệt tại Quyết định 1291/QĐ-TTg ngày 07/10/2019 "
        "và các văn bản khác (nếu có) được đưa ra thực hiện tại Bộ phận Một cửa thị trấn",
        None, (">=", 100, P),
    ),
    ("Từ 50 TTHC trở lên", None, (">=", 50, "TTHC")),
    ("Từ 30 TTHC trở lên", None, (">=", 30, "TTHC")),
    ("Giải quyết đúng hạn 100%", None, (">=", 100, P)),
    ("Thực hiện đầy đủ, đúng quy định", None, None),
    ("Thị trấn đạt điểm đánh giá từ tốt trở lên", None, None),
    (
        "100% PAKN của cá nhân, tổ chức đối với TTHC thuộc thẩm quyền giải quyết của thị trấn được trả lời",
        None, (">=", 100, P),
    ),
    ("100% số PAKN đã xử lý, trả lời được công khai theo quy định", None, (">=", 100, P)),
    ("Thực hiện đúng quy định", None, None),
    ("Sử dụng không vượt quá so với tổng số biên chế hành chính được giao", None, None),
    (
        "Thực hiện đầy đủ, kịp thời các nhiệm vụ theo đúng quy định tại Nghị quyết số 04/NQ-CP ngày 10/01/2022 của Chính "
        "phủ và các quy định khác của Chính phủ, các bộ, ngành về đẩy mạnh phân cấp, phân quyền trong quản lý nhà nước theo "
        "ngành, lĩnh vực",
        None, None,
    ),
    (
        "Đảm bảo các điều kiện cần thiết phục vụ công tác thanh tra, kiểm tra việc thực hiện nhiệm vụ quản lý nhà nước đã "
        "phân cấp cho cấp xã",
        None, None,
    ),
    (
        "100% số vấn đề phát hiện qua kiểm tra đã được xử lý hoặc kiến nghị cấp có thẩm quyền xử lý",
        None, (">=", 100, P),
    ),
    ("Ban hành đầy đủ, kịp thời", None, None),
    (
        "100% công chức theo vị trí việc làm và tiêu chuẩn ngạch công chức tương ứng với bản mô tả công việc, khung năng "
        "lực của từng vị trí",
        None, (">=", 100, P),
    ),
    ("Thực hiện tuyển dụng công chức tại cấp xã đúng quy định", None, None),
    ("Không có cán bộ, công chức bị kỷ luật", None, ("=", 0, None)),
    ("Hoàn thành 100% nhiệm vụ theo kế hoạch", None, (">=", 100, P)),
    (
        "- 100% cán bộ, công chức thị trấn đáp ứng các tiêu chuẩn về tuổi, trình độ lý luận chính trị, trình độ học vấn và "
        "chuyên môn nghiệp vụ theo các quy định của Đảng, Chính phủ, Bộ Nội vụ và các tiêu chuẩn do các <p>tổ chức đoàn "
        "thể, chính trị - xã hội quy định đối với từng chức danh cụ thể;</p> <p>- 100% công chức thị trấn đáp ứng các tiêu "
        "chuẩn về tuổi, trình độ học vấn và chuyên môn nghiệp vụ theo các quy định của Đảng, Chính phủ, Bộ Nội vụ và các "
        "tiêu chuẩn do các tổ chức đoàn thể, chính trị - xã hội quy định đối với từng chức danh cụ thể.</p>",
        None, (">=", 100, P),
    ),
    ("Hoàn thành 100% kế hoạch", None, (">=", 100, P)),
    ("Không có sai phạm", None, ("=", 0, None)),
    ("Thực hiện 100% kiến nghị", None, (">=", 100, P)),
    ("100% cơ quan, đơn vị ban hành", None, (">=", 100, P)),
    (
        "Tổ chức triển khai, thực hiện đảm bảo theo đúng Kiến trúc Chính quyền điện tử tỉnh Gia Lai theo quy định của "
        "Chính phủ, Bộ Thông tin và Truyền thông",
        None, None,
    ),
    (
        "100% các ứng dụng có dữ liệu dùng chung được kết nối, sử dụng qua Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
        None, (">=", 100, P),
    ),
    (
        "100% dịch vụ dữ liệu có trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng chính thức",
        None, (">=", 100, P),
    ),
    ("-100% các văn bản, hồ sơ công việc trên môi trường mạng", None, (">=", 100, P)),  # a bullet, not minus 100
    ("Thị trấn kết nối", None, None),
    ("Phối hợp xây dựng và tham gia vào hệ thống thông tin báo cáo cấp tỉnh", None, None),
    (
        "- Tỷ lệ số hóa hồ sơ, kết quả giải quyết và cấp kết quả giải quyết TTHC điện tử đối với TTHC thuộc thẩm quyền "
        "giải quyết của cấp xã đạt tối thiểu 15%.",
        None, (">=", 15, P),
    ),
    ("100% DVCTT được xây dựng toàn trình", None, (">=", 100, P)),
    (
        "100% hồ sơ được giải quyết trực tuyến của DVC trực tuyến toàn trình (không sử dụng bản giấy)",
        None, (">=", 100, P),
    ),
    (
        '<ul style="list-style-type: none"> <li>- 100% TTHC có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực '
        "tuyến;</li> <li>- 100% TTHC đang triển khai thanh toán trực tuyến có phát sinh giao dịch thanh toán trực tuyến;</li> "
        "<li>- 100% hồ sơ đã giải quyết của các TTHC thuộc phạm vi đánh giá có phát sinh giao dịch thanh toán trực "
        "tuyến.</li> </ul>",
        None, (">=", 100, P),
    ),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)", None, (">=", 85.99, P, 2022, 83.99)),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 84,04%)", None, (">=", 86.04, P, 2022, 84.04)),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 85,39%)", None, (">=", 87.39, P, 2022, 85.39)),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 80,90%)", None, (">=", 82.9, P, 2022, 80.9)),
    ("Tăng ít nhất 04% so với năm 2022 (năm 2022 là 77,89%)", None, (">=", 81.89, P, 2022, 77.89)),
    ("100% chỉ tiêu phát triển KT-XH do HĐND thị trấn giao đạt và vượt", None, (">=", 100, P)),
    # --- seeds/003 second appendix: "Chỉ tiêu năm 2024" with the "Đơn vị" column as hint ---
    ("Tối thiểu 80", "%", (">=", 80, P)),
    ("Tối thiểu 45", "%", (">=", 45, P)),
    ("Tối thiểu 50", "%", (">=", 50, P)),
    ("100", "%", (">=", 100, P)),
    ("Tối thiểu 90", "%", (">=", 90, P)),
    ("95", "%", (">=", 95, P)),
    ("80", "%", (">=", 80, P)),
    ("", "", None),  # row 12: a heading row with neither
    # --- seeds/003 first appendix: targets inside task texts ---
    (
        "Thực hiện rà soát, đánh giá TTHC trên các lĩnh vực theo kế hoạch của Chủ tịch UBND thị xã với mục tiêu cắt giảm "
        "tối thiểu 10% chi phí tuân thủ TTHC mà cá nhân, tổ chức phải bỏ ra khi thực hiện TTHC.",
        None, (">=", 10, P),
    ),
    (
        "Thực hiện tuyên truyền để tăng tỷ lệ người dân thực hiện các dịch vụ công trực tuyến và thực hiện TTHC trên môi "
        "trường điện tử tối thiểu đạt 50% số với tổng số hồ sơ tiếp nhận; tối thiểu từ 80% trở lên hồ sơ giải quyết TTHC "
        "được luân chuyển trong nội bộ giữa các cơ quan có thẩm quyền giải quyết, hoặc các cơ quan có liên quan được thực "
        "hiện bằng phương thức điện tử; 100% hồ sơ TTHC đã giải quyết thành công được số hóa, lưu trữ và có giá trị tái sử dụng.",
        None, (">=", 50, P),
    ),
    (
        "100% các hồ sơ TTHC tiếp nhận, giải quyết tại các cơ quan, đơn vị được theo dõi trạng thái xử lý trên Hệ thống "
        "thông tin giải quyết TTHC tỉnh và các Hệ thống thông tin giải quyết TTHC của bộ, ngành có liên quan.",
        None, (">=", 100, P),
    ),
    ("Hoàn thành nội dung, công việc được giao theo Đề án.", None, None),
    # --- seeds/001: the plan's own "Một số chỉ tiêu cụ thể" and appendix task texts ---
    (
        "100% văn bản quy phạm pháp luật được ban hành đảm bảo theo quy định, phù hợp với tình hình thực tiễn của xã.",
        None, (">=", 100, P),
    ),
    ("Tối thiểu 99% hồ sơ TTHC được giải quyết trước và đúng hạn.", None, (">=", 99, P)),
    (
        "+ 100% hồ sơ thủ tục hành chính đủ điều kiện được giải quyết trực tuyến mức độ 3, mức độ 4 và được số hóa kết quả "
        "giải quyết.",
        None, (">=", 100, P),
    ),
    (
        "Duy trì tỷ lệ giải quyết đúng hạn từ 98% trở lên; nghiêm túc thực hiện việc xin lỗi người dân, tổ chức khi để xảy "
        "ra trễ hẹn; 100% hồ sơ thủ tục hành chính đủ điều kiện được giải quyết trực tuyến mức độ 3, mức độ 4 và được số hóa "
        "kết quả giải quyết; 95% tổ chức, người dân, doanh nghiệp hài lòng với sự phục vụ của các cơ quan hành chính nhà nước.",
        None, (">=", 98, P),
    ),
    (
        "Thực hiện số hóa 100% kết quả giải quyết thủ tục hành chính đang còn hiệu lực và có giá trị sử dụng thuộc thẩm "
        "quyền giải quyết của UBND xã.",
        None, (">=", 100, P),
    ),
    ("Duy trì hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001 (ISO điện tử).", None, None),
    (
        "Áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001:2015 trong hoạt động quản lý và giải quyết thủ tục "
        "hành chính thuộc thẩm quyền của UBND xã.",
        None, None,
    ),
    # --- seeds/000 inline "a) Mục tiêu, yêu cầu:" lines ---
    ("Hoàn thành 100% nhiệm vụ đề ra theo kế hoạch.", None, (">=", 100, P)),
    ("100% vấn đề phát hiện qua kiểm tra hoàn thành việc xử lý.", None, (">=", 100, P)),
    (
        "100% số TTHC thuộc thẩm quyền giải quyết của cấp xã được công khai đầy đủ trên Cổng/Trang thông tin điện tử, tại "
        "Bộ phận Một cửa.",
        None, (">=", 100, P),
    ),
    (
        "100% hồ sơ TTHC được đồng bộ, công khai trên Cổng DVC quốc gia; 100% hồ sơ TTHC do cơ quan tiếp nhận, giải quyết "
        "được công khai trên Cổng DVC của tỉnh.",
        None, (">=", 100, P),
    ),
    ("100% hồ sơ TTHC được giải quyết đúng hạn.", None, (">=", 100, P)),
    ("Không có cán bộ, công chức bị kỷ luật.", None, ("=", 0, None)),
    ("Thực hiện giải ngân 100% kế hoạch đầu tư vốn NSNN", None, (">=", 100, P)),
    ("Không có sai phạm.", None, ("=", 0, None)),
    (
        "Thực hiện 100% các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách.",
        None, (">=", 100, P),
    ),
    (
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết và cấp kết quả giải quyết TTHC điện tử đối với TTHC thuộc thẩm quyền giải "
        "quyết của cấp xã đạt tối thiểu 15%.",
        None, (">=", 15, P),
    ),
    ("100% DVCTT được xây dựng toàn trình.", None, (">=", 100, P)),
    (
        "Giá trị thu ngân sách của tỉnh thuộc nhóm 20 địa phương cao từ vị trí thứ 11 đến 30 so với 63 tỉnh, thành phố trực "
        "thuộc Trung ương.",
        None, None,
    ),
    (
        "Mức độ hài lòng của người dân đối với tiếp cận dịch vụ tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%).",
        None, (">=", 85.99, P, 2022, 83.99),
    ),
    (
        "Mức độ hài lòng của người dân đối với TTHC tăng ít nhất 02% so với năm 2022 (năm 2022 là 84,04%).",
        None, (">=", 86.04, P, 2022, 84.04),
    ),
    (
        "Mức độ hài lòng của người dân đối với công chức tại Bộ phận một cửa tăng ít nhất 02% so với năm 2022 (năm 2022 là 85,39%).",
        None, (">=", 87.39, P, 2022, 85.39),
    ),
    (
        "Mức độ hài lòng của người dân đối với kết quả dịch vụ tăng ít nhất 02% so với năm 2022 (năm 2022 là 80,90%).",
        None, (">=", 82.9, P, 2022, 80.9),
    ),
    (
        "Mức độ hài lòng của người dân đối với việc cơ quan tiếp nhận, xử lý phản ánh, kiến nghị tăng ít nhất 04% so với năm "
        "2022 (năm 2022 là 77,89%).",
        None, (">=", 81.89, P, 2022, 77.89),
    ),
    (
        "Tuyên truyền nội dung CCHC thông qua các phương tiện thông tin đại chúng và đa dạng tuyên truyền nội dung CCHC "
        "thông qua các hình thức khác.",
        None, None,
    ),
    ("Có sáng kiến hoặc giải pháp mới trong công tác.", None, (">=", 1, "sáng kiến")),
    ("Hoàn thành đúng tiến độ tất cả các nhiệm vụ.", None, None),
    (
        "Thực hiện đầy đủ 02 hoạt động theo dõi tình hình thi hành pháp luật theo đúng quy định tại Nghị định số "
        "59/2012/NĐ-CP, Nghị định số 32/2020/NĐ-CP và các văn bản hướng dẫn thi hành; Ban hành đầy đủ văn bản xử lý",
        None, (">=", 2, "hoạt động"),
    ),
    (
        "Thực hiện công bố danh mục văn bản QPPL hết hiệu lực, ngưng hiệu lực kịp thời, đúng quy định; 100% văn bản QPPL "
        "hoàn thành việc xử lý sau rà soát.",
        None, (">=", 100, P),
    ),
    (
        "Có các kiến nghị cải cách TTHC, kiến nghị cụ thể sửa đổi, bổ sung văn bản QPPL quy định TTHC.",
        None, None,
    ),
    (
        "100% số TTHC thuộc thẩm quyền giải quyết của cấp xã được tiếp nhận và trả kết quả giải tại Bộ phận Một cửa của thị "
        "trấn; 100% số TTHC trong Danh mục TTHC được Thủ tướng Chính phủ phê duyệt tại Quyết định 1291/QĐ-TTg ngày "
        "07/10/2019 và các văn bản khác (nếu có) được đưa ra thực hiện tại Bộ phận Một cửa; Từ 50 TTHC hoặc nhóm TTHC trở "
        "lên được giải quyết theo hình thức liên thông cùng cấp; Từ 30 TTHC hoặc nhóm TTHC trở lên được giải quyết theo "
        "hình thức liên thông giữa các cấp chính quyền.",
        None, (">=", 100, P),
    ),
    ("Từ 50 TTHC hoặc nhóm TTHC trở lên được giải quyết theo hình thức liên thông cùng cấp", None, (">=", 50, "TTHC")),
    ("Giải quyết đúng hạn 100%.", None, (">=", 100, P)),
    ("Thực hiện đầy đủ, đúng quy định.", None, None),
    ("UBND thị trấn đạt điểm đánh giá từ tốt trở lên.", None, None),
    (
        "Sử dụng không vượt quá so với tổng số biên chế hành chính, tổng số lượng người làm việc được giao.",
        None, None,
    ),
    (
        "Thực hiện các nhiệm vụ theo đúng quy định tại Nghị quyết số 04/NQ-CP ngày 10/01/2022 của Chính phủ và các quy định "
        "khác của Chính phủ, các bộ, ngành về đẩy mạnh phân cấp quản lý nhà nước theo ngành, lĩnh vực; Đảm bảo các điều kiện "
        "cần thiết phục vụ công tác thanh tra, kiểm tra việc thực hiện nhiệm vụ quản lý nhà nước đã được phân cấp cho cấp "
        "huyện, cấp xã.",
        None, None,
    ),
    (
        "Ban hành đầy đủ, kịp thời các văn bản để hoàn thiện quy định về vị trí việc làm của cơ quan, tổ chức thuộc phạm vi "
        "quản lý; Hoàn thiện việc xây dựng bản mô tả công việc và khung năng lực cho từng vị trí việc làm theo danh mục đã "
        "được phê duyệt; Bố trí công chức đúng theo vị trí việc làm và tiêu chuẩn chức danh nghề nghiệp tương ứng với từng "
        "vị trí.",
        None, None,
    ),
    ("100% cơ quan, đơn vị thực hiện đúng quy định", None, (">=", 100, P)),
    ("Hoàn thành 100% kế hoạch.", None, (">=", 100, P)),
    (
        "Địa phương ban hành quy chế quản lý, sử dụng tài sản công theo quy định tại Khoản 2 Điều 23 Luật Quản lý, sử dụng "
        "tài sản công; (2) có kiểm tra việc thực hiện các quy định về quản lý, sử dụng tài sản công và rà soát, chuẩn hóa, "
        "cập nhật đầy đủ, kịp thời số liệu vào Cơ sở dữ liệu quốc gia về tài sản công; (3) từ 80% trở lên cơ sở nhà, đất "
        "được cấp có thẩm quyền phê duyệt phương án sắp xếp lại, xử lý theo quy định tại Nghị định số 167/2017/NĐ-CP ngày "
        "31/12/2017 của Chính phủ quy định việc sắp xếp lại, xử lý tài sản công;",
        None, (">=", 80, P),
    ),
    ("Thực hiện đúng quy định, không để xảy ra sai phạm.", None, ("=", 0, None)),
    (
        "Tổ chức triển khai, duy trì, cập nhật Kiến trúc Chính quyền điện tử tỉnh Gia Lai theo quy định của Chính phủ, Bộ "
        "Thông tin và Truyền thông.",
        None, None,
    ),
    (
        "100% các ban ngành thuộc UBND thị trấn có tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng 100% (trừ văn "
        "bản mật)",
        None, (">=", 100, P),
    ),
    ("100% các ngành kết nối.", None, (">=", 100, P)),
    (
        "Hệ thống thông tin báo cáo của tỉnh đáp ứng đầy đủ các chức năng, yêu cầu kỹ thuật theo quy định; 100% chế độ báo "
        "cáo, cung cấp thông tin, dữ liệu của tỉnh được kết nối với Hệ thống thông tin báo cáo Chính phủ, Trung tâm thông "
        "tin, chỉ đạo điều hành của Chính phủ, Thủ tướng Chính phủ.",
        None, (">=", 100, P),
    ),
    # "tử" (điện tử) folds like "từ" (from): in a marked text only the marked word is the cue
    ("Gửi, nhận văn bản điện tử 4 cấp qua trục liên thông", None, None),
    ("Văn bản điện tử 4 cấp đạt 100%", None, (">=", 100, P)),
    ("Đạt từ 98% trở lên", None, (">=", 98, P)),
    ("Tu sửa 3 trụ sở", None, None),
    ("Dù 2 lần nhắc", None, None),
    ("Cả 3 hình thức", None, (">=", 3, "hình thức")),
    # a text typed without marks is read by the folded words alone
    ("dat tu 98% tro len", None, (">=", 98, P)),
    ("tu 50 TTHC tro len", None, (">=", 50, "TTHC")),
]


def _expected(spec):
    if spec is None:
        return None
    comparator, value, unit, *baseline = spec
    return Threshold(comparator, float(value), unit, *baseline)


@pytest.mark.parametrize(("text", "unit_hint", "expected"), CASES)
def test_parse_target(text, unit_hint, expected):
    assert parse_target(text, unit_hint) == _expected(expected)


def test_to_dict():
    assert parse_target("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)").to_dict() == {
        "comparator": ">=",
        "value": 85.99,
        "unit": "%",
        "baseline_year": 2022,
        "baseline_value": 83.99,
    }
    assert Threshold("=", 0.0, None).to_dict() == {
        "comparator": "=", "value": 0.0, "unit": None, "baseline_year": None, "baseline_value": None,
    }


IS_MET_CASES = [
    (">=", 100, 100, True), (">=", 100, 99.99, False), (">=", 85.99, 83.99 + 2, True),
    (">", 99, 99, False), (">", 99, 99.5, True),
    ("=", 0, 0, True), ("=", 0, 1, False),
    ("<=", 2, 2, True), ("<=", 2, 2.01, False),
    ("<", 5, 5, False), ("<", 5, 4.9, True),
]


@pytest.mark.parametrize(("comparator", "value", "actual", "met"), IS_MET_CASES)
def test_is_met(comparator, value, actual, met):
    assert Threshold(comparator, value, "%").is_met(actual) is met


def test_unknown_comparator_is_refused():
    with pytest.raises(ValueError):
        Threshold("≥", 1.0, None)
