"""Item codes: split_code on title cells, parse_order on STT/TT cells, roman_to_int.

Cell texts are copied from the seed appendices (seeds/000: PAR INDEX appendix of thị
trấn Ia Kha 2023; seeds/001: CCHC plan of xã Quang Trung 2023; seeds/003: TTHC-control
plan of phường Nguyễn Nghiêm 2024), the expected values written from reading them.
"""

import pytest

from parcdesk.parsing.codes import LEVELS, ItemCode, parse_order, roman_to_int, split_code

SPLIT_CASES = [
    # --- the brief and domain.md ---
    ("TC 1.1 - Thực hiện kế hoạch CCHC", "TC 1.1", "criterion", "Thực hiện kế hoạch CCHC"),
    ("TCTP 1.3.1 - Tỷ lệ cơ quan", "TCTP 1.3.1", "subcriterion", "Tỷ lệ cơ quan"),
    ("TCTP 1.3.1 – Tỷ lệ cơ quan", "TCTP 1.3.1", "subcriterion", "Tỷ lệ cơ quan"),  # en dash
    ("TCTP 8.1. 1 - Mức độ hài lòng", "TCTP 8.1.1", "subcriterion", "Mức độ hài lòng"),  # stray space
    ("1.1. Thực hiện kế hoạch CCHC", "1.1", "criterion", "Thực hiện kế hoạch CCHC"),
    ("1.3.1 - Tỷ lệ cơ quan", "1.3.1", "subcriterion", "Tỷ lệ cơ quan"),
    ("1.1 Tiêu chí", "1.1", "criterion", "Tiêu chí"),  # dotted code, spaces only
    ("1. Công tác chỉ đạo", "1", "task", "Công tác chỉ đạo"),
    ("2 - Cải cách thể chế", "2", "task", "Cải cách thể chế"),
    ("3: Cải cách TTHC", "3", "task", "Cải cách TTHC"),
    ("I. MỤC TIÊU, YÊU CẦU", "I", "area", "MỤC TIÊU, YÊU CẦU"),
    ("VIII - TÁC ĐỘNG CỦA CCHC", "VIII", "area", "TÁC ĐỘNG CỦA CCHC"),
    ("XX. Lĩnh vực", "XX", "area", "Lĩnh vực"),
    ("II", "II", "area", ""),
    ("<b>IV</b>", "IV", "area", ""),
    # --- a title that merely starts with a number is not split ---
    ("100% hồ sơ TTHC được giải quyết đúng hạn", "", None, "100% hồ sơ TTHC được giải quyết đúng hạn"),
    ("01 sáng kiến", "", None, "01 sáng kiến"),
    ("30 TTHC liên thông", "", None, "30 TTHC liên thông"),
    ("1.000 hồ sơ", "", None, "1.000 hồ sơ"),  # thousands, not a code
    ("1,5% hồ sơ trễ hạn", "", None, "1,5% hồ sơ trễ hạn"),
    ("2021-2025", "", None, "2021-2025"),
    ("59/2012/NĐ-CP", "", None, "59/2012/NĐ-CP"),
    ("VI PHẠM HÀNH CHÍNH", "", None, "VI PHẠM HÀNH CHÍNH"),  # no separator: a word, not area VI
    ("XÃ HỘI", "", None, "XÃ HỘI"),
    ("TCVN ISO 9001:2015", "", None, "TCVN ISO 9001:2015"),
    ("Thực hiện kế hoạch CCHC", "", None, "Thực hiện kế hoạch CCHC"),
    ("", "", None, ""),
    # --- seeds/000 appendix, "Lĩnh vực/Tiêu chí/Tiêu chí thành phần" column (every TC/TCTP cell) ---
    ("TC 1.1 - Thực hiện kế hoạch CCHC", "TC 1.1", "criterion", "Thực hiện kế hoạch CCHC"),
    ("TC 1.2 - Thực hiện chế độ báo cáo CCHC định kỳ", "TC 1.2", "criterion", "Thực hiện chế độ báo cáo CCHC định kỳ"),
    (
        "TCTP 1.3.1 - Tỷ lệ cơ quan chuyên môn (CQCM) cấp tỉnh và đơn vị hành chính (ĐVHC) cấp huyện, cấp xã được kiểm tra trong năm",
        "TCTP 1.3.1", "subcriterion",
        "Tỷ lệ cơ quan chuyên môn (CQCM) cấp tỉnh và đơn vị hành chính (ĐVHC) cấp huyện, cấp xã được kiểm tra trong năm",
    ),
    ("TCTP 1.3.2 - Xử lý các vấn đề phát hiện qua kiểm tra", "TCTP 1.3.2", "subcriterion", "Xử lý các vấn đề phát hiện qua kiểm tra"),
    ("TC 1.4 - Công tác tuyên truyền CCHC", "TC 1.4", "criterion", "Công tác tuyên truyền CCHC"),
    ("TC 1.5 – Đổi mới, sáng tạo trong triển khai nhiệm vụ CCHC", "TC 1.5", "criterion", "Đổi mới, sáng tạo trong triển khai nhiệm vụ CCHC"),
    (
        "TC 1.6 - Thực hiện nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao",
        "TC 1.6", "criterion", "Thực hiện nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao",
    ),
    (
        "TCTP 2.1.1 - Thực hiện các hoạt động về theo dõi thi hành pháp luật (TDTHPL)",
        "TCTP 2.1.1", "subcriterion", "Thực hiện các hoạt động về theo dõi thi hành pháp luật (TDTHPL)",
    ),
    ("TCTP 2.1.2 - Xử lý kết quả theo dõi thi hành pháp luật", "TCTP 2.1.2", "subcriterion", "Xử lý kết quả theo dõi thi hành pháp luật"),
    (
        "TCTP 2.2.1 - Thực hiện công bố danh mục văn bản hết hiệu lực, ngưng hiệu lực",
        "TCTP 2.2.1", "subcriterion", "Thực hiện công bố danh mục văn bản hết hiệu lực, ngưng hiệu lực",
    ),
    (
        "TCTP 2.2.2- Kết quả sửa đổi, bổ sung, bãi bỏ, thay thế văn bản QPPL sau rà soát",  # no space before "-"
        "TCTP 2.2.2", "subcriterion", "Kết quả sửa đổi, bổ sung, bãi bỏ, thay thế văn bản QPPL sau rà soát",
    ),
    (
        "TC 2.3 - Xử lý văn bản trái pháp luật do cơ quan có thẩm quyền kiểm tra kiến nghị.",
        "TC 2.3", "criterion", "Xử lý văn bản trái pháp luật do cơ quan có thẩm quyền kiểm tra kiến nghị.",
    ),
    ("TCTP 3.1 – Kiểm soát quy định TTHC", "TCTP 3.1", "subcriterion", "Kiểm soát quy định TTHC"),  # prefix wins over depth
    ("TCTP 3.2.2 - Công khai TTHC và các quy định có liên quan", "TCTP 3.2.2", "subcriterion", "Công khai TTHC và các quy định có liên quan"),
    (
        "TCTP 3.2.3 - Công khai tiến độ, kết quả giải quyết hồ sơ trên hệ thống thông tin giải quyết TTHC",
        "TCTP 3.2.3", "subcriterion", "Công khai tiến độ, kết quả giải quyết hồ sơ trên hệ thống thông tin giải quyết TTHC",
    ),
    (
        "TCTP 3.3.1 - Tỷ lệ TTHC thực hiện việc tiếp nhận, trả kết quả tại Bộ phận Một cửa",
        "TCTP 3.3.1", "subcriterion", "Tỷ lệ TTHC thực hiện việc tiếp nhận, trả kết quả tại Bộ phận Một cửa",
    ),
    (
        "TCTP 3.3.2 - Đưa TTHC ngành dọc thực hiện việc tiếp nhận hồ sơ tại Bộ phận Một cửa các cấp theo danh mục được phê duyệt",
        "TCTP 3.3.2", "subcriterion",
        "Đưa TTHC ngành dọc thực hiện việc tiếp nhận hồ sơ tại Bộ phận Một cửa các cấp theo danh mục được phê duyệt",
    ),
    (
        "TCTP 3.3.3 - Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông cùng cấp",
        "TCTP 3.3.3", "subcriterion", "Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông cùng cấp",
    ),
    (
        "TCTP 3.3.4 - Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông giữa các cấp chính quyền",
        "TCTP 3.3.4", "subcriterion", "Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông giữa các cấp chính quyền",
    ),
    (
        "TCTP 3.4.2 - Tỷ lệ hồ sơ TTHC do UBND cấp thị trấn tiếp nhận trong năm được giải quyết đúng hạn",
        "TCTP 3.4.2", "subcriterion", "Tỷ lệ hồ sơ TTHC do UBND cấp thị trấn tiếp nhận trong năm được giải quyết đúng hạn",
    ),
    (
        "TCTP 3.4.4 - Thực hiện việc xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn trong giải quyết hồ sơ TTHC",
        "TCTP 3.4.4", "subcriterion", "Thực hiện việc xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn trong giải quyết hồ sơ TTHC",
    ),
    (
        "TCTP 3.4.5 - Đánh giá chất lượng giải quyết TTHC của địa phương",
        "TCTP 3.4.5", "subcriterion", "Đánh giá chất lượng giải quyết TTHC của địa phương",
    ),
    (
        "TCTP 3.5.1 - Xử lý phản ánh, kiến nghị (PAKN) của cá nhân, tổ chức đối với TTHC thuộc thẩm quyền giải quyết của thị trấn",
        "TCTP 3.5.1", "subcriterion",
        "Xử lý phản ánh, kiến nghị (PAKN) của cá nhân, tổ chức đối với TTHC thuộc thẩm quyền giải quyết của thị trấn",
    ),
    (
        "TCTP 3.5.2 - Công khai kết quả trả lời PAKN của cá nhân, tổ chức đối với quy định TTHC thuộc thẩm quyền của thị trấn",
        "TCTP 3.5.2", "subcriterion",
        "Công khai kết quả trả lời PAKN của cá nhân, tổ chức đối với quy định TTHC thuộc thẩm quyền của thị trấn",
    ),
    (
        "TCTP 4.1.1 – Hoàn thiện quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các ban ngành chuyên môn",
        "TCTP 4.1.1", "subcriterion",
        "Hoàn thiện quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các ban ngành chuyên môn",
    ),
    (
        "TCTP 4.2.1 - Thực hiện quy định về sử dụng biên chế hành chính",
        "TCTP 4.2.1", "subcriterion", "Thực hiện quy định về sử dụng biên chế hành chính",
    ),
    (
        "TCTP 4.3.1 - Thực hiện các quy định về phân cấp quản lý do Chính phủ và các bộ, ngành ban hành",
        "TCTP 4.3.1", "subcriterion", "Thực hiện các quy định về phân cấp quản lý do Chính phủ và các bộ, ngành ban hành",
    ),
    (
        "TCTP 4.3.2 - Thực hiện thanh tra, kiểm tra việc thực hiện nhiệm vụ quản lý nhà nước đã phân cấp cho cấp xã",
        "TCTP 4.3.2", "subcriterion",
        "Thực hiện thanh tra, kiểm tra việc thực hiện nhiệm vụ quản lý nhà nước đã phân cấp cho cấp xã",
    ),
    (
        "TCTP 4.3.3 - Xử lý các vấn đề về phân cấp phát hiện qua thanh tra, kiểm tra",
        "TCTP 4.3.3", "subcriterion", "Xử lý các vấn đề về phân cấp phát hiện qua thanh tra, kiểm tra",
    ),
    (
        "TCTP 5.1.1 – Cập nhật, hoàn thiện quy định về vị trí việc làm của cơ quan, tổ chức thuộc phạm vi quản lý",
        "TCTP 5.1.1", "subcriterion",
        "Cập nhật, hoàn thiện quy định về vị trí việc làm của cơ quan, tổ chức thuộc phạm vi quản lý",
    ),
    (
        "TCTP 5.1.2 - Tỷ lệ cơ quan, tổ chức hành chính của tỉnh bố trí công chức theo đúng vị trí việc làm được phê duyệt",
        "TCTP 5.1.2", "subcriterion",
        "Tỷ lệ cơ quan, tổ chức hành chính của tỉnh bố trí công chức theo đúng vị trí việc làm được phê duyệt",
    ),
    (
        "TCTP 5.2.1 - Thực hiện quy định về tuyển dụng công chức tại CQCM cấp tỉnh, ĐVHC cấp huyện, cấp xã",
        "TCTP 5.2.1", "subcriterion", "Thực hiện quy định về tuyển dụng công chức tại CQCM cấp tỉnh, ĐVHC cấp huyện, cấp xã",
    ),
    (
        "TCTP 5.4 - Chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức",
        "TCTP 5.4", "subcriterion", "Chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức",
    ),
    (
        "TC 5.5.1 - Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
        "TC 5.5.1", "criterion", "Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    ),
    ("TCTP 5.6 - Tỷ lệ đạt chuẩn của cán bộ, công chức cấp xã", "TCTP 5.6", "subcriterion", "Tỷ lệ đạt chuẩn của cán bộ, công chức cấp xã"),
    (
        "TCTP 6.1.1 - Thực hiện giải ngân kế hoạch đầu tư vốn ngân sách nhà nước",
        "TCTP 6.1.1", "subcriterion", "Thực hiện giải ngân kế hoạch đầu tư vốn ngân sách nhà nước",
    ),
    (
        "TCTP 6.1.2 - Thực hiện quy định về việc sử dụng kinh phí nguồn từ ngân sách nhà nước",
        "TCTP 6.1.2", "subcriterion", "Thực hiện quy định về việc sử dụng kinh phí nguồn từ ngân sách nhà nước",
    ),
    (
        "TCTP 6.1.3 - Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách",
        "TCTP 6.1.3", "subcriterion",
        "Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách",
    ),
    (
        "TCTP 6.2.1 - Ban hành quy chế quản lý, sử dụng tài sản công của các cơ quan, đơn vị thuộc phạm vi quản lý",
        "TCTP 6.2.1", "subcriterion",
        "Ban hành quy chế quản lý, sử dụng tài sản công của các cơ quan, đơn vị thuộc phạm vi quản lý",
    ),
    (
        "TCTP 7.1.1 - Triển khai, duy trì, cập nhật Kiến trúc Chính quyền điện tử theo quy định",
        "TCTP 7.1.1", "subcriterion", "Triển khai, duy trì, cập nhật Kiến trúc Chính quyền điện tử theo quy định",
    ),
    (
        "TCTP 7.1.3 – Tỷ lệ các ứng dụng có dữ liệu dùng chung được kết nối, sử dụng qua Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
        "TCTP 7.1.3", "subcriterion",
        "Tỷ lệ các ứng dụng có dữ liệu dùng chung được kết nối, sử dụng qua Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
    ),
    (
        "TCTP 7.1.4 – Tỷ lệ số dịch vụ dữ liệu có trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng",
        "TCTP 7.1.4", "subcriterion",
        "Tỷ lệ số dịch vụ dữ liệu có trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng",
    ),
    (
        "TCTP 7.2.1 - Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng",
        "TCTP 7.2.1", "subcriterion", "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng",
    ),
    (
        "TCTP 7.2.2 - Tỷ lệ gửi, nhận văn bản điện tử 4 cấp chính quyền",
        "TCTP 7.2.2", "subcriterion", "Tỷ lệ gửi, nhận văn bản điện tử 4 cấp chính quyền",
    ),
    (
        "TCTP 7.2.3 - Xây dựng, vận hành Hệ thống thông tin báo cáo cấp tỉnh",
        "TCTP 7.2.3", "subcriterion", "Xây dựng, vận hành Hệ thống thông tin báo cáo cấp tỉnh",
    ),
    ("TCTP 7.3.4 - Triển khai số hóa hồ sơ giải quyết TTHC", "TCTP 7.3.4", "subcriterion", "Triển khai số hóa hồ sơ giải quyết TTHC"),
    ("TCTP 7.3.5 - Tỷ lệ DVCTT toàn trình", "TCTP 7.3.5", "subcriterion", "Tỷ lệ DVCTT toàn trình"),
    ("TCTP 7.3.6 - Tỷ lệ hồ sơ trực tuyến toàn trình", "TCTP 7.3.6", "subcriterion", "Tỷ lệ hồ sơ trực tuyến toàn trình"),
    ("TCTP 7.3.7 - Thực hiện thanh toán trực tuyến", "TCTP 7.3.7", "subcriterion", "Thực hiện thanh toán trực tuyến"),
    (
        "TCTP 8.1.1 – Mức độ hài lòng về tiếp cận dịch vụ thuộc Chỉ số SIPAS",
        "TCTP 8.1.1", "subcriterion", "Mức độ hài lòng về tiếp cận dịch vụ thuộc Chỉ số SIPAS",
    ),
    ("TCTP 8.1.2 – Mức độ hài lòng về TTHC thuộc Chỉ số SIPAS", "TCTP 8.1.2", "subcriterion", "Mức độ hài lòng về TTHC thuộc Chỉ số SIPAS"),
    (
        "TCTP 8.1.3 – Mức độ hài lòng về công chức tại Bộ phận Một cửa thuộc Chỉ số SIPAS",
        "TCTP 8.1.3", "subcriterion", "Mức độ hài lòng về công chức tại Bộ phận Một cửa thuộc Chỉ số SIPAS",
    ),
    (
        "TCTP 8.1.4 – Mức độ hài lòng về kết quả dịch vụ thuộc Chỉ số SIPAS",
        "TCTP 8.1.4", "subcriterion", "Mức độ hài lòng về kết quả dịch vụ thuộc Chỉ số SIPAS",
    ),
    (
        "TCTP 8.1.5 – Mức độ hài lòng về việc tiếp nhận, xử lý phản ánh, kiến nghị liên quan đến TTHC thuộc Chỉ số SIPAS",
        "TCTP 8.1.5", "subcriterion",
        "Mức độ hài lòng về việc tiếp nhận, xử lý phản ánh, kiến nghị liên quan đến TTHC thuộc Chỉ số SIPAS",
    ),
    (
        "TC 8.6 - Mức độ thực hiện các chỉ tiêu phát triển KT-XH do HĐND huyện giao",
        "TC 8.6", "criterion", "Mức độ thực hiện các chỉ tiêu phát triển KT-XH do HĐND huyện giao",
    ),
    # --- seeds/000 area rows (title cell of an area row carries no code) ---
    ("<b>CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC</b>", "", None, "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC"),
    # --- inline headings of seeds/000 and seeds/001 (Markdown emphasis, trailing colon) ---
    ("### **1.1. Tiêu chí “Thực hiện kế hoạch CCHC”**", "1.1", "criterion", "Tiêu chí “Thực hiện kế hoạch CCHC”"),
    (
        "**1.10. Tiêu chí thành phần “Thực hiện quy định về việc sử dụng kinh phí nguồn từ ngân sách Nhà nước (NSNN)”:**",
        "1.10", "criterion",
        "Tiêu chí thành phần “Thực hiện quy định về việc sử dụng kinh phí nguồn từ ngân sách Nhà nước (NSNN)”",
    ),
    ("2.1. Cải cách thể chế:", "2.1", "criterion", "Cải cách thể chế"),
    ("II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP", "II", "area", "NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP"),
    (
        "1.1. 100% văn bản quy phạm pháp luật được ban hành đảm bảo theo quy định, phù hợp với tình hình thực tiễn của xã.",
        "1.1", "criterion",  # the title starts with a number; the code before it still splits
        "100% văn bản quy phạm pháp luật được ban hành đảm bảo theo quy định, phù hợp với tình hình thực tiễn của xã.",
    ),
    ("1.2. Tối thiểu 99% hồ sơ TTHC được giải quyết trước và đúng hạn.", "1.2", "criterion", "Tối thiểu 99% hồ sơ TTHC được giải quyết trước và đúng hạn."),
    (
        "6. Duy trì hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001 (ISO điện tử).",
        "6", "task", "Duy trì hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001 (ISO điện tử).",
    ),
]


@pytest.mark.parametrize(("text", "code", "level", "title"), SPLIT_CASES)
def test_split_code(text, code, level, title):
    assert split_code(text) == ItemCode(code, level, title)


ORDER_CASES = [
    # --- the brief ---
    ("I", "I", "area"),
    ("II.", "II", "area"),
    ("1", "1", "task"),
    ("1.", "1", "task"),
    ("1.1.", "1.1", "criterion"),
    ("1.3.1", "1.3.1", "subcriterion"),
    ("8.1. 1", "8.1.1", "subcriterion"),  # domain.md: sic, a stray space
    ("12.1", "12.1", "criterion"),
    (" 3 ", "3", "task"),
    ("TC 1.1", "TC 1.1", "criterion"),
    # --- every order cell of the seed appendices ---
    ("<b>I</b>", "I", "area"),
    ("<b>II</b>", "II", "area"),
    ("<b>III</b>", "III", "area"),
    ("<b>IV</b>", "IV", "area"),
    ("<b>V</b>", "V", "area"),
    ("<b>VI</b>", "VI", "area"),
    ("<b>VII</b>", "VII", "area"),
    ("<b>VIII</b>", "VIII", "area"),
    ("II", "II", "area"),
    ("III", "III", "area"),
    ("IV", "IV", "area"),
    ("V", "V", "area"),
    ("VI", "VI", "area"),
    ("VII", "VII", "area"),
    ("VIII", "VIII", "area"),
    ("IX", "IX", "area"),
    ("X", "X", "area"),
    ("XI", "XI", "area"),
    ("XII", "XII", "area"),
    *[(str(n), str(n), "task") for n in range(2, 29)],
    ("12.2", "12.2", "criterion"),
    ("12.3", "12.3", "criterion"),
]


@pytest.mark.parametrize(("cell", "code", "level"), ORDER_CASES)
def test_parse_order(cell, code, level):
    assert parse_order(cell) == ItemCode(code, level, "")


@pytest.mark.parametrize("cell", ["TT", "STT", "<b>TT</b>", "", "Thường", "1.1 Tiêu chí", "IIII", "XXI"])
def test_parse_order_without_a_code_keeps_the_text(cell):
    # Header cells, continuation rows and anything else: no code; the text is kept as title.
    found = parse_order(cell)
    assert (found.code, found.level) == ("", None)
    assert found.title == cell.replace("<b>", "").replace("</b>", "")


ROMAN_CASES = [
    ("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("V", 5), ("VI", 6), ("VII", 7), ("VIII", 8),
    ("IX", 9), ("X", 10), ("XI", 11), ("XII", 12), ("XIII", 13), ("XIV", 14), ("XV", 15),
    ("XVI", 16), ("XVII", 17), ("XVIII", 18), ("XIX", 19), ("XX", 20),
    ("iv", 4), (" VIII ", 8),
    ("", None), ("IIII", None), ("VX", None), ("XXI", None), ("L", None), ("1", None), ("I.", None),
]


@pytest.mark.parametrize(("text", "value"), ROMAN_CASES)
def test_roman_to_int(text, value):
    assert roman_to_int(text) == value


def test_levels_are_the_four_of_the_tree():
    assert LEVELS == ("area", "criterion", "subcriterion", "task")
    assert {level for _, _, level, _ in SPLIT_CASES} - {None} <= set(LEVELS)
