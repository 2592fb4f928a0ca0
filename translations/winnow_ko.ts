<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AnalysisJobs</name>
    <message>
        <source>Inject %1 % label noise</source>
        <translation>라벨 노이즈 %1 % 주입</translation>
    </message>
    <message>
        <source>Flipped %1 of %2 training labels.</source>
        <translation>학습 라벨 %2개 중 %1개를 바꿨습니다.</translation>
    </message>
    <message>
        <source>Some classes have fewer clean training samples than asked to keep trusted.</source>
        <translation>일부 클래스는 신뢰로 남길 깨끗한 학습 샘플이 요청보다 적습니다.</translation>
    </message>
    <message>
        <source>Score run %1: %2</source>
        <translation>실행 %1 점수 매기기: %2</translation>
    </message>
    <message>
        <source>Score the latest run: %1</source>
        <translation>최근 실행 점수 매기기: %1</translation>
    </message>
    <message>
        <source>Scoring %1 of run %2 flagged %3 of %4 training samples.</source>
        <translation>실행 %2의 채점 %1: 학습 샘플 %4개 중 %3개 플래그됨.</translation>
    </message>
    <message>
        <source>Evaluate the self-test</source>
        <translation>자체 테스트 평가</translation>
    </message>
    <message>
        <source>Scoring %1 (%2, run %3): average precision %4, precision %5, recall %6</source>
        <translation>채점 %1 (%2, 실행 %3): 평균 정밀도 %4, 정밀도 %5, 재현율 %6</translation>
    </message>
    <message>
        <source>No scoring yet: train and score a run first.</source>
        <translation>아직 채점 결과가 없습니다. 먼저 학습하고 채점하세요.</translation>
    </message>
    <message>
        <source>Not scored yet: %1</source>
        <translation>아직 채점하지 않음: %1</translation>
    </message>
</context>
<context>
    <name>DetectorNames</name>
    <message>
        <source>Influential Rank</source>
        <translation>영향력 순위(Influential Rank)</translation>
    </message>
    <message>
        <source>Small loss</source>
        <translation>작은 손실(Small loss)</translation>
    </message>
    <message>
        <source>Confident learning</source>
        <translation>신뢰 학습(Confident learning)</translation>
    </message>
    <message>
        <source>Self-confidence</source>
        <translation>자기 신뢰도(Self-confidence)</translation>
    </message>
    <message>
        <source>Combined ranking</source>
        <translation>결합 순위</translation>
    </message>
    <message>
        <source>Model disagreement (no scoring yet)</source>
        <translation>모델 불일치 (아직 채점 없음)</translation>
    </message>
    <message>
        <source>%1 · run %2 (scoring %3)</source>
        <translation>%1 · 실행 %2 (채점 %3)</translation>
    </message>
    <message>
        <source>Area under the margin</source>
        <translation>마진 아래 면적(Area under the margin)</translation>
    </message>
    <message>
        <source>Early loss</source>
        <translation>초기 손실(Early loss)</translation>
    </message>
    <message>
        <source>Confident learning (early epoch)</source>
        <translation>초기 에포크 신뢰 학습(Confident learning, early epoch)</translation>
    </message>
    <message>
        <source>Issue: %1</source>
        <translation>문제: %1</translation>
    </message>
    <message>
        <source>Selection on the map</source>
        <translation>지도에서 선택한 샘플</translation>
    </message>
    <message>
        <source>Beyond an image-quality cut</source>
        <translation>이미지 품질 기준선 밖</translation>
    </message>
</context>
<context>
    <name>IssueNames</name>
    <message>
        <source>%1, group %2</source>
        <translation>%1, 그룹 %2</translation>
    </message>
    <message>
        <source>Exact duplicates</source>
        <translation>완전 중복</translation>
    </message>
    <message>
        <source>Near duplicates</source>
        <translation>유사 중복</translation>
    </message>
    <message>
        <source>Train/test leakage</source>
        <translation>학습/테스트 누수</translation>
    </message>
    <message>
        <source>Duplicates with different labels</source>
        <translation>라벨이 다른 중복</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>이상치</translation>
    </message>
    <message>
        <source>Neighbours carry another label</source>
        <translation>이웃이 다른 라벨을 가짐</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어두움</translation>
    </message>
    <message>
        <source>Overexposed</source>
        <translation>과다 노출</translation>
    </message>
    <message>
        <source>Low contrast</source>
        <translation>낮은 대비</translation>
    </message>
    <message>
        <source>Blurry</source>
        <translation>흐림</translation>
    </message>
    <message>
        <source>Low information</source>
        <translation>정보 부족</translation>
    </message>
    <message>
        <source>Extreme aspect ratio</source>
        <translation>극단적인 가로세로 비율</translation>
    </message>
    <message>
        <source>Tiny</source>
        <translation>아주 작음</translation>
    </message>
    <message>
        <source>Grey among colour (or colour among grey)</source>
        <translation>컬러 속 흑백 (또는 흑백 속 컬러)</translation>
    </message>
    <message>
        <source>%1 (frames %2)</source>
        <translation>%1 (프레임 %2)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>the adversarial caption&apos;s embedding is not cached</source>
        <translation>적대적 캡션의 임베딩이 캐시에 없음</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>모두 저장</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>예(&amp;Y)</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>모두 예(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>아니요(&amp;N)</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>모두 아니요(&amp;O)</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>중단</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>무시</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>도움말</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>적용</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>기본값 복원</translation>
    </message>
</context>
<context>
    <name>RetrievalBrowserData</name>
    <message>
        <source>completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>캡션</translation>
    </message>
    <message>
        <source>image mix</source>
        <translation>이미지 혼합</translation>
    </message>
    <message>
        <source>image patch</source>
        <translation>이미지 패치</translation>
    </message>
    <message>
        <source>attack item above the ground truth</source>
        <translation>공격 항목이 정답보다 위</translation>
    </message>
    <message>
        <source>attack item is top-1</source>
        <translation>공격 항목이 1위</translation>
    </message>
    <message>
        <source>lost from the top %1</source>
        <translation>상위 %1에서 빠짐</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Ties count against the ground truth: an item scoring equal to the best ground truth ranks before it, and an attack item tying with the top-1 is the top-1.</source>
        <translation>동점은 정답에 불리하게 셉니다: 가장 높은 정답과 점수가 같은 항목은 정답보다 앞에 놓이고, 1위와 동점인 공격 항목은 1위로 봅니다.</translation>
    </message>
    <message>
        <source>Captions are normalised as in RoCOCO&apos;s evaluation: lower case; . ! &quot; ( ) * # : ; ~ replaced by spaces; spaces collapsed; the first 30 words kept.</source>
        <translation>캡션은 RoCOCO 평가와 같이 정규화합니다: 소문자로 바꾸고, . ! &quot; ( ) * # : ; ~ 는 공백으로 바꾸고, 연속된 공백은 하나로 줄이며, 처음 30단어만 씁니다.</translation>
    </message>
    <message>
        <source>above the truth</source>
        <translation>정답보다 위</translation>
    </message>
    <message>
        <source>top-1</source>
        <translation>1위</translation>
    </message>
    <message>
        <source>lost from top %1</source>
        <translation>상위 %1 밖</translation>
    </message>
</context>
<context>
    <name>RunLabels</name>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>중단됨</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>cross-validation</source>
        <translation>교차 검증</translation>
    </message>
    <message>
        <source>post-training</source>
        <translation>학습 후 분석</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Find and fix mislabelled samples.</source>
        <translation>잘못 라벨링된 샘플을 찾아 고칩니다.</translation>
    </message>
    <message>
        <source>Open the Fashion-MNIST demo project, building it first if needed.</source>
        <translation>Fashion-MNIST 데모 프로젝트를 엽니다. 필요하면 먼저 만듭니다.</translation>
    </message>
    <message>
        <source>Save a picture of the window to &lt;file&gt; and quit.</source>
        <translation>창 이미지를 &lt;file&gt;에 저장하고 종료합니다.</translation>
    </message>
    <message>
        <source>Project file to open.</source>
        <translation>열 프로젝트 파일.</translation>
    </message>
</context>
<context>
    <name>winnow::gui::MainWindow</name>
    <message>
        <source>Winnow</source>
        <translation>Winnow</translation>
    </message>
    <message>
        <source>Open a project or the demo project to begin.</source>
        <translation>시작하려면 프로젝트나 데모 프로젝트를 여세요.</translation>
    </message>
    <message>
        <source>Quit Winnow</source>
        <translation>Winnow 종료</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running. Cancel them and quit?</source>
        <translation>
            <numerusform>작업 %n개가 아직 실행 중입니다. 취소하고 종료할까요?</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>프로젝트 열기</translation>
    </message>
    <message>
        <source>%1 — Winnow</source>
        <translation>%1 — Winnow</translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>%1을(를) 불러왔습니다.</translation>
    </message>
    <message>
        <source>%1 samples · %2 shown · %3 classes · %4 unreadable</source>
        <translation>샘플 %1개 · 표시 %2개 · 클래스 %3개 · 읽을 수 없음 %4개</translation>
    </message>
    <message>
        <source>Demo project</source>
        <translation>데모 프로젝트</translation>
    </message>
    <message>
        <source>The demo needs Debian&apos;s Fashion-MNIST data set, which is not installed (expected in %1).

Install it with:
  sudo apt install dataset-fashion-mnist</source>
        <translation>데모에는 데비안의 Fashion-MNIST 데이터셋이 필요하지만 설치되어 있지 않습니다(예상 위치: %1).

다음 명령으로 설치하세요:
  sudo apt install dataset-fashion-mnist</translation>
    </message>
    <message>
        <source>Building the demo project…</source>
        <translation>데모 프로젝트를 만드는 중…</translation>
    </message>
    <message>
        <source>Build demo project</source>
        <translation>데모 프로젝트 만들기</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>모든 분할</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Readable</source>
        <translation>읽을 수 있음</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <source>Sort by id</source>
        <translation>ID순 정렬</translation>
    </message>
    <message>
        <source>Sort by label</source>
        <translation>라벨순 정렬</translation>
    </message>
    <message>
        <source>Sort by split</source>
        <translation>분할순 정렬</translation>
    </message>
    <message>
        <source>Sort by status</source>
        <translation>상태순 정렬</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>내림차순</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>클래스:</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>분할:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <source>Class distribution</source>
        <translation>클래스 분포</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>모든 클래스</translation>
    </message>
    <message>
        <source>(unlabelled)</source>
        <translation>(라벨 없음)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>새 프로젝트(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>프로젝트 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 프로젝트(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>데모 프로젝트 열기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Import Dataset…</source>
        <translation>데이터셋 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Export Class Chart…</source>
        <translation>클래스 차트 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Winnow</source>
        <translation>Winnow 정보(&amp;A)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>새 프로젝트</translation>
    </message>
    <message>
        <source>Winnow projects (*.winnow)</source>
        <translation>Winnow 프로젝트 (*.winnow)</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <source>Where should the demo project go?</source>
        <translation>데모 프로젝트를 어디에 만들까요?</translation>
    </message>
    <message>
        <source>About Winnow</source>
        <translation>Winnow 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;Winnow&lt;/b&gt; %1&lt;br&gt;Finds and fixes mislabelled samples in image and video datasets.</source>
        <translation>&lt;b&gt;Winnow&lt;/b&gt; %1&lt;br&gt;이미지와 비디오 데이터셋에서 잘못 라벨링된 샘플을 찾아 고칩니다.</translation>
    </message>
    <message>
        <source>Loading samples… (%1 so far)</source>
        <translation>샘플을 불러오는 중… (지금까지 %1개)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>검토(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Review Workstation…</source>
        <translation>검토 작업대 열기(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>학습(&amp;T)</translation>
    </message>
    <message>
        <source>Train &amp;Model…</source>
        <translation>모델 학습(&amp;M)…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Training run %1 finished.</source>
        <translation>학습 실행 %1이(가) 끝났습니다.</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>학습 실패</translation>
    </message>
    <message numerus="yes">
        <source>Training %1 for %n epoch(s)…</source>
        <translation>
            <numerusform>%1 모델을 %n 에포크 동안 학습하는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>실행 비교(&amp;C)…</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>실행 비교</translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation>실행 %1 재개 중…</translation>
    </message>
    <message>
        <source>&amp;Analyse</source>
        <translation>분석(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Inject Noise (Self-Test)…</source>
        <translation>노이즈 주입(자체 테스트)(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Score Run…</source>
        <translation>실행 점수 매기기(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Evaluate Self-Test</source>
        <translation>자체 테스트 평가(&amp;E)</translation>
    </message>
    <message>
        <source>Inject noise</source>
        <translation>노이즈 주입</translation>
    </message>
    <message>
        <source>Score run</source>
        <translation>실행 점수 매기기</translation>
    </message>
    <message>
        <source>Self-test</source>
        <translation>자체 테스트</translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation>모든 검토 상태</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>플래그됨</translation>
    </message>
    <message>
        <source>Relabelled</source>
        <translation>라벨 변경됨</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>제외됨</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>신뢰됨</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>검토함</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>검토 안 함</translation>
    </message>
    <message>
        <source>Flagged: by the scoring chosen under Sort, else by the newest scoring.</source>
        <translation>플래그: 정렬에서 고른 채점, 없으면 가장 최근 채점 기준.</translation>
    </message>
    <message>
        <source>Search file names</source>
        <translation>파일 이름 검색</translation>
    </message>
    <message>
        <source>Go to #id</source>
        <translation>#ID로 이동</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>검토:</translation>
    </message>
    <message>
        <source>Sort by score: %1 #%2 (run %3)</source>
        <translation>점수순: %1 #%2 (실행 %3)</translation>
    </message>
    <message>
        <source>Sort by loss (run %1)</source>
        <translation>손실순 (실행 %1)</translation>
    </message>
    <message>
        <source>Cannot read the review state: %1</source>
        <translation>검토 상태를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>There is no sample #%1 in this project.</source>
        <translation>이 프로젝트에 샘플 #%1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Filters cleared to show sample #%1.</source>
        <translation>샘플 #%1을(를) 보이려고 필터를 지웠습니다.</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Re&amp;trieval</source>
        <translation>검색(&amp;T)</translation>
    </message>
    <message>
        <source>Open Retrieval &amp;Workstation…</source>
        <translation>검색 작업대 열기(&amp;W)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <source>The main window shows another project now; open %1 there first.</source>
        <translation>메인 창에 지금 다른 프로젝트가 열려 있습니다. 먼저 그 창에서 %1을(를) 여십시오.</translation>
    </message>
    <message numerus="yes">
        <source>Training %1 for %n epoch(s) in %2 processes…</source>
        <translation>
            <numerusform>%1 모델을 프로세스 %2개로 %n 에포크 학습 중…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train %1 (%n epoch(s), %2 processes)</source>
        <translation>
            <numerusform>%1 학습 (%n 에포크, 프로세스 %2개)</numerusform>
        </translation>
    </message>
    <message>
        <source>Map</source>
        <translation>지도</translation>
    </message>
    <message>
        <source>Map selection</source>
        <translation>지도 선택</translation>
    </message>
    <message numerus="yes">
        <source>Map selection: %n sample(s) ✕</source>
        <translation>
            <numerusform>지도 선택: 샘플 %n개 ✕</numerusform>
        </translation>
    </message>
    <message>
        <source>Show every sample again</source>
        <translation>모든 샘플을 다시 표시</translation>
    </message>
    <message>
        <source>More like this</source>
        <translation>비슷한 샘플</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>&amp;More like this</source>
        <translation>비슷한 샘플(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Issues…</source>
        <translation>문제(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Duplicate groups — %1</source>
        <translation>중복 그룹 — %1</translation>
    </message>
    <message>
        <source>Search by &amp;Text…</source>
        <translation>텍스트로 검색(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>winnow::gui::RetrievalWindow</name>
    <message>
        <source>Retrieval — %1</source>
        <translation>검색 — %1</translation>
    </message>
    <message>
        <source>&amp;Retrieval</source>
        <translation>검색(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import caption set…</source>
        <translation>캡션 세트 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;New evaluation…</source>
        <translation>새 평가(&amp;N)…</translation>
    </message>
    <message>
        <source>Export results &amp;table (CSV)…</source>
        <translation>결과 표 내보내기 (CSV)(&amp;T)…</translation>
    </message>
    <message>
        <source>Export &amp;failures (CSV)…</source>
        <translation>실패 내보내기 (CSV)(&amp;F)…</translation>
    </message>
    <message>
        <source>Export HTML &amp;report…</source>
        <translation>HTML 보고서 내보내기(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>다시 읽기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 가져오기</translation>
    </message>
    <message>
        <source>Imported caption set #%1: %2 images, %3 issues</source>
        <translation>캡션 세트 #%1 가져옴: 이미지 %2개, 문제 %3건</translation>
    </message>
    <message>
        <source>Evaluate %1</source>
        <translation>%1 평가</translation>
    </message>
    <message>
        <source>Evaluation #%1 done: %2 images used, %3 left out</source>
        <translation>평가 #%1 완료: 이미지 %2개 사용, %3개 제외</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 내보내기</translation>
    </message>
    <message>
        <source>%1 rows written</source>
        <translation>%1행 기록함</translation>
    </message>
    <message>
        <source>%1 failures written</source>
        <translation>실패 %1건 기록함</translation>
    </message>
    <message>
        <source>Report of %1 runs written</source>
        <translation>평가 %1개의 보고서를 기록함</translation>
    </message>
    <message>
        <source>Caption set</source>
        <translation>캡션 세트</translation>
    </message>
    <message>
        <source>Caption sets (*.json *.csv);;All files (*)</source>
        <translation>캡션 세트 (*.json *.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Folder the image paths are relative to</source>
        <translation>이미지 경로의 기준 폴더</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Train &amp;built-in encoder…</source>
        <translation>내장 인코더 학습(&amp;B)…</translation>
    </message>
    <message>
        <source>Built-in encoder written: %1 (offered in New evaluation)</source>
        <translation>내장 인코더를 기록함: %1 (새 평가에서 선택 가능)</translation>
    </message>
</context>
<context>
    <name>winnow::gui::ReviewWindow</name>
    <message>
        <source>Review — %1</source>
        <translation>검토 — %1</translation>
    </message>
    <message>
        <source>Loading scores…</source>
        <translation>점수 불러오는 중…</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>대기열(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Trusted set</source>
        <translation>신뢰 집합(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>대시보드(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>검토(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Apply decisions (new label version)…</source>
        <translation>결정 적용(새 라벨 버전)(&amp;A)…</translation>
    </message>
    <message>
        <source>Export corrected labels as &amp;CSV…</source>
        <translation>수정된 라벨을 CSV로 내보내기(&amp;C)…</translation>
    </message>
    <message>
        <source>Export corrected labels as &amp;JSON…</source>
        <translation>수정된 라벨을 JSON으로 내보내기(&amp;J)…</translation>
    </message>
    <message>
        <source>Export cleaned &amp;ImageFolder…</source>
        <translation>정리된 ImageFolder 내보내기(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Reload results</source>
        <translation>결과 다시 불러오기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>검토자</translation>
    </message>
    <message>
        <source>Your name, recorded with every review decision:</source>
        <translation>모든 검토 결정에 기록될 이름:</translation>
    </message>
    <message>
        <source>Could not load the scores: %1</source>
        <translation>점수를 불러오지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Could not open the project for review: %1</source>
        <translation>검토용으로 프로젝트를 열지 못했습니다: %1</translation>
    </message>
    <message>
        <source>%1 on run %2 · %3 samples scored</source>
        <translation>%1 · 실행 %2 · 점수 매긴 샘플 %3개</translation>
    </message>
    <message>
        <source>Apply decisions</source>
        <translation>결정 적용</translation>
    </message>
    <message>
        <source>Name of the new label version:</source>
        <translation>새 라벨 버전의 이름:</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>검토됨</translation>
    </message>
    <message>
        <source>Nothing to apply: the labels already match the decisions.</source>
        <translation>적용할 것이 없습니다: 라벨이 이미 결정과 일치합니다.</translation>
    </message>
    <message>
        <source>Export corrected labels</source>
        <translation>수정된 라벨 내보내기</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Export cleaned ImageFolder into</source>
        <translation>정리된 ImageFolder를 내보낼 폴더</translation>
    </message>
    <message>
        <source>ImageFolder: %1 written, %2 skipped</source>
        <translation>ImageFolder: %1개 작성, %2개 건너뜀</translation>
    </message>
    <message>
        <source>&amp;Load the new scoring</source>
        <translation>새 채점 불러오기(&amp;L)</translation>
    </message>
    <message>
        <source>Re&amp;train and re-score…</source>
        <translation>재학습 후 다시 점수 매기기(&amp;T)…</translation>
    </message>
    <message>
        <source>Compare r&amp;uns…</source>
        <translation>실행 비교(&amp;U)…</translation>
    </message>
    <message>
        <source>New scores are available (%1 on run %2) — Review ▸ Load the new scoring.</source>
        <translation>새 점수가 있습니다 (실행 %2의 %1) — 검토 ▸ 새 채점 불러오기.</translation>
    </message>
    <message>
        <source>Retrain and re-score</source>
        <translation>재학습 후 다시 점수 매기기</translation>
    </message>
    <message numerus="yes">
        <source>Train a new %1 model for %n epoch(s) on label version %2 (the config of run %3; excluded samples are left out), then score it with %4?</source>
        <translation>
            <numerusform>라벨 버전 %2로 새 %1 모델을 %n 에포크 동안 학습하고 (실행 %3의 설정, 제외된 샘플은 빠짐) %4(으)로 점수를 매길까요?</numerusform>
        </translation>
    </message>
    <message>
        <source>Retraining cancelled.</source>
        <translation>재학습이 취소되었습니다.</translation>
    </message>
    <message>
        <source>Retraining failed: %1</source>
        <translation>재학습 실패: %1</translation>
    </message>
    <message>
        <source>Run %1 trained and scored.</source>
        <translation>실행 %1의 학습과 점수 매기기가 끝났습니다.</translation>
    </message>
    <message>
        <source>Run %1 is trained and scored. Review its new scoring now, or compare it with run %2?</source>
        <translation>실행 %1의 학습과 채점이 끝났습니다. 새 채점을 지금 검토하거나 실행 %2와 비교할까요?</translation>
    </message>
    <message>
        <source>Open the new scoring</source>
        <translation>새 채점 열기</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>실행 비교</translation>
    </message>
    <message>
        <source>Label version %1: %2 relabelled, %3 excluded, %4 included again.

Retrain on the cleaned labels and re-score now?</source>
        <translation>라벨 버전 %1: %2개 라벨 변경, %3개 제외, %4개 다시 포함.

정리된 라벨로 지금 재학습하고 다시 점수를 매길까요?</translation>
    </message>
    <message>
        <source>Retraining is still running. Cancel it and close the window?</source>
        <translation>재학습이 아직 진행 중입니다. 취소하고 창을 닫을까요?</translation>
    </message>
    <message>
        <source>Opened by default because %1</source>
        <translation>기본으로 열린 이유: %1</translation>
    </message>
    <message>
        <source>A name is required.</source>
        <translation>이름을 입력해야 합니다.</translation>
    </message>
    <message>
        <source>Could not load the scores:
%1</source>
        <translation>점수를 불러오지 못했습니다:
%1</translation>
    </message>
    <message numerus="yes">
        <source>%n review decision(s) not applied yet: %1 relabel, %2 exclude, %3 include. This uses the applied labels only.</source>
        <translation>
            <numerusform>아직 적용되지 않은 검토 결정이 %n개 있습니다: 라벨 변경 %1, 제외 %2, 포함 %3. 이 작업은 적용된 라벨만 사용합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply first</source>
        <translation>먼저 적용</translation>
    </message>
    <message>
        <source>Continue without them</source>
        <translation>적용하지 않고 계속</translation>
    </message>
    <message>
        <source>Label version %1: %2 relabelled, %3 excluded, %4 included again.</source>
        <translation>라벨 버전 %1: %2개 라벨 변경, %3개 제외, %4개 다시 포함.</translation>
    </message>
    <message>
        <source>&amp;Detector:</source>
        <translation>탐지기(&amp;D):</translation>
    </message>
    <message>
        <source>The scoring the queue, the trusted set and the dashboard show</source>
        <translation>대기열, 신뢰 집합, 대시보드가 보여 주는 채점</translation>
    </message>
    <message>
        <source>Train a &amp;model…</source>
        <translation>모델 학습(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Inject noise (self-test)…</source>
        <translation>노이즈 주입(자체 시험)(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Score with a detector…</source>
        <translation>탐지기로 점수 매기기(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>키보드 단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>실행 취소: %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>다시 실행: %1(&amp;R)</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>검토 대기열</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 또는 </translation>
    </message>
    <message>
        <source>Review window</source>
        <translation>검토 창</translation>
    </message>
    <message>
        <source>%1, written %2</source>
        <translation>%1, 작성 %2</translation>
    </message>
    <message>
        <source>No scores yet: train a model and score it with a detector.</source>
        <translation>아직 점수가 없습니다: 모델을 학습하고 탐지기로 점수를 매기세요.</translation>
    </message>
    <message>
        <source>No scores yet.

Train a model, optionally inject label noise first to test the detectors, then score the run with a detector; new scores show up here by themselves.</source>
        <translation>아직 점수가 없습니다.

모델을 학습하고(탐지기를 시험하려면 먼저 레이블 노이즈를 주입할 수 있습니다) 그 실행을 탐지기로 점수 매기세요. 새 점수는 여기에 저절로 나타납니다.</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 내보내기</translation>
    </message>
    <message>
        <source>Export ImageFolder %1</source>
        <translation>ImageFolder %1 내보내기</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>내보내기를 취소했습니다. 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Show the “%1” tab</source>
        <translation>“%1” 탭 보기</translation>
    </message>
    <message>
        <source>&amp;More like this</source>
        <translation>비슷한 샘플(&amp;M)</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>No samples with this issue in scan %1.</source>
        <translation>스캔 %1에 이 문제가 있는 샘플이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · scan %2 · %n sample(s)</source>
        <translation>
            <numerusform>%1 · 스캔 %2 · 샘플 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::widgets::BarListWidget</name>
    <message>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::BuiltinTrainCurves</name>
    <message>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>InfoNCE loss</source>
        <translation>InfoNCE 손실</translation>
    </message>
    <message>
        <source>validation R@1</source>
        <translation>검증 R@1</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <source>epoch mean</source>
        <translation>에포크 평균</translation>
    </message>
    <message>
        <source>image→text</source>
        <translation>이미지→텍스트</translation>
    </message>
    <message>
        <source>text→image</source>
        <translation>텍스트→이미지</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::BuiltinTrainDialog</name>
    <message>
        <source>Train built-in encoder</source>
        <translation>내장 인코더 학습</translation>
    </message>
    <message>
        <source>#%1 %2 — %3 images, %4 captions</source>
        <translation>#%1 %2 — 이미지 %3개, 캡션 %4개</translation>
    </message>
    <message>
        <source>cnn-small (fastest)</source>
        <translation>cnn-small (가장 빠름)</translation>
    </message>
    <message>
        <source>resnet32</source>
        <translation>resnet32</translation>
    </message>
    <message>
        <source>resnet18 (slowest)</source>
        <translation>resnet18 (가장 느림)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>모델 파일</translation>
    </message>
    <message>
        <source>Built-in encoders (*.wbe)</source>
        <translation>내장 인코더 (*.wbe)</translation>
    </message>
    <message>
        <source>Caption set:</source>
        <translation>캡션 세트:</translation>
    </message>
    <message>
        <source>Image backbone:</source>
        <translation>이미지 백본:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>에포크:</translation>
    </message>
    <message>
        <source>Batch (images):</source>
        <translation>배치 (이미지 수):</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>학습률:</translation>
    </message>
    <message>
        <source>Embedding size:</source>
        <translation>임베딩 크기:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Model file:</source>
        <translation>모델 파일:</translation>
    </message>
    <message>
        <source>Trains on the ground-truth captions (symmetric InfoNCE, learned temperature); 10 % of the images are held out for the validation R@1. The training history is written beside the model as .training.json.</source>
        <translation>정답 캡션으로 학습합니다 (대칭 InfoNCE, 학습되는 온도). 이미지의 10 %는 검증 R@1을 위해 따로 둡니다. 학습 기록은 모델 옆에 .training.json으로 기록됩니다.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Import a caption set first (Retrieval → Import caption set…).</source>
        <translation>먼저 캡션 세트를 가져오세요 (검색 → 캡션 세트 가져오기…).</translation>
    </message>
    <message>
        <source>Caption set %1 has %2 images whose file was found; training needs at least 2.</source>
        <translation>캡션 세트 %1에는 파일이 있는 이미지가 %2개뿐입니다. 학습에는 2개 이상이 필요합니다.</translation>
    </message>
    <message>
        <source>The learning rate must be a number above 0 and at most 10, written with a point (like 0.002 or 2e-3): &quot;%1&quot;.</source>
        <translation>학습률은 0보다 크고 10 이하인 수여야 하며 소수점은 점으로 씁니다 (예: 0.002 또는 2e-3): &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The seed must be a whole number of 0 or more: &quot;%1&quot;.</source>
        <translation>시드는 0 이상의 정수여야 합니다: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Choose the model file to write.</source>
        <translation>기록할 모델 파일을 고르세요.</translation>
    </message>
    <message>
        <source>The model file must end in .wbe: &quot;%1&quot;.</source>
        <translation>모델 파일 이름은 .wbe로 끝나야 합니다: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The model file must be inside the project&apos;s folder %1.</source>
        <translation>모델 파일은 프로젝트 폴더 %1 안에 있어야 합니다.</translation>
    </message>
    <message>
        <source>The model file must not be inside the project&apos;s cache folder.</source>
        <translation>모델 파일은 프로젝트의 캐시 폴더 안에 둘 수 없습니다.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>폴더 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name (a model file is never overwritten).</source>
        <translation>%1이(가) 이미 있습니다. 다른 이름을 고르세요 (모델 파일은 덮어쓰지 않습니다).</translation>
    </message>
    <message>
        <source>%1 already exists (the training history goes there); choose another model name.</source>
        <translation>%1이(가) 이미 있습니다 (학습 기록이 그 이름으로 기록됩니다). 다른 모델 이름을 고르세요.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::BuiltinTrainJob</name>
    <message numerus="yes">
        <source>Train built-in encoder on %1 (%n epoch(s))</source>
        <translation>
            <numerusform>%1(으)로 내장 인코더 학습 (에포크 %n개)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::widgets::BuiltinTrainWindow</name>
    <message>
        <source>Built-in encoder training</source>
        <translation>내장 인코더 학습</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation>학습 취소</translation>
    </message>
    <message>
        <source>Evaluate this model…</source>
        <translation>이 모델 평가…</translation>
    </message>
    <message>
        <source>Epoch %1, step %2 of %3: loss %4, temperature %5</source>
        <translation>에포크 %1, 단계 %2/%3: 손실 %4, 온도 %5</translation>
    </message>
    <message>
        <source>Epoch %1 of %2: mean loss %3, validation R@1 image→text %4, text→image %5</source>
        <translation>에포크 %1/%2: 평균 손실 %3, 검증 R@1 이미지→텍스트 %4, 텍스트→이미지 %5</translation>
    </message>
    <message>
        <source>Model written: %1 (training history beside it)</source>
        <translation>모델을 기록함: %1 (학습 기록은 그 옆에)</translation>
    </message>
    <message>
        <source>Cancelled; no model file was written.</source>
        <translation>취소됨. 모델 파일은 기록되지 않았습니다.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>학습 실패: %1</translation>
    </message>
    <message>
        <source>Training on %1 → %2</source>
        <translation>%1(으)로 학습 → %2</translation>
    </message>
    <message>
        <source>Built-in encoder training — %1</source>
        <translation>내장 인코더 학습 — %1</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ClassDistributionChart</name>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Save the chart as PNG or PDF</source>
        <translation>차트를 PNG 또는 PDF로 저장</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>샘플 수</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>차트 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 이미지 (*.png);;PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1에 쓸 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ClassPalette</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Find a class (/)</source>
        <translation>클래스 찾기 (/)</translation>
    </message>
    <message>
        <source>Type part of a class name or its number; Enter relabels as the first match, Escape goes back to the queue.</source>
        <translation>클래스 이름의 일부나 번호를 입력하세요. Enter는 첫 번째 일치 항목으로 레이블을 바꾸고, Escape는 대기열로 돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ClipDetail</name>
    <message>
        <source>Frames the scorer sampled (no per-frame contributions for this clip in this scoring)</source>
        <translation>점수 계산에 쓰인 프레임 (이 채점 결과에는 이 클립의 프레임별 기여도가 없음)</translation>
    </message>
    <message>
        <source>Per-frame contributions unreadable: %1</source>
        <translation>프레임별 기여도를 읽을 수 없음: %1</translation>
    </message>
    <message>
        <source>Sampled frames and their share of the clip&apos;s score (red raises it, blue lowers it)</source>
        <translation>샘플링된 프레임과 클립 점수에서 각 프레임이 차지하는 몫 (빨강은 점수를 올리고 파랑은 내림)</translation>
    </message>
    <message>
        <source>Sampled frames (this scoring stores no per-frame contributions)</source>
        <translation>샘플링된 프레임 (이 채점 결과에는 프레임별 기여도가 없음)</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ClipFrameStrip</name>
    <message>
        <source>frame %1</source>
        <translation>프레임 %1</translation>
    </message>
    <message>
        <source>
contribution to the clip&apos;s score: %1</source>
        <translation>
클립 점수에 대한 기여도: %1</translation>
    </message>
    <message>
        <source>
feature norm ‖h‖: %1</source>
        <translation>
특징 노름 ‖h‖: %1</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ClipPlayer</name>
    <message>
        <source>One frame back (,)</source>
        <translation>한 프레임 뒤로 (,)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>재생 / 일시 정지 (Space)</translation>
    </message>
    <message>
        <source>One frame forward (.)</source>
        <translation>한 프레임 앞으로 (.)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>재생 속도</translation>
    </message>
    <message>
        <source>cannot decode: %1</source>
        <translation>디코딩할 수 없음: %1</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>frame %1 · %2 s · %3 / %4 in clip</source>
        <translation>프레임 %1 · %2초 · 클립 내 %3 / %4</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::CmoPreviewDialog</name>
    <message>
        <source>CMO preview</source>
        <translation>CMO 미리 보기</translation>
    </message>
    <message>
        <source>New draw</source>
        <translation>새로 뽑기</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Draws:</source>
        <translation>뽑기 수:</translation>
    </message>
    <message>
        <source>Each draw: background from P, foreground from Q, mixed image; λ is the background label&apos;s share.</source>
        <translation>각 뽑기: P에서 뽑은 배경, Q에서 뽑은 전경, 섞은 이미지. λ는 배경 레이블의 비율입니다.</translation>
    </message>
    <message>
        <source>class frequency</source>
        <translation>클래스 빈도</translation>
    </message>
    <message>
        <source>Drawing…</source>
        <translation>뽑는 중…</translation>
    </message>
    <message>
        <source>background (P): %1</source>
        <translation>배경 (P): %1</translation>
    </message>
    <message>
        <source>foreground (Q): %1</source>
        <translation>전경 (Q): %1</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>섞은 이미지</translation>
    </message>
    <message>
        <source>λ = %1  ·  %2 + %3</source>
        <translation>λ = %1  ·  %2 + %3</translation>
    </message>
    <message>
        <source>λ: share of the background label; the foreground label gets 1 − λ</source>
        <translation>λ: 배경 레이블의 비율. 전경 레이블은 1 − λ를 받습니다</translation>
    </message>
    <message>
        <source>Cannot draw: %1</source>
        <translation>뽑을 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n draw(s), seed %1</source>
        <translation>
            <numerusform>뽑기 %n개, 시드 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>P (instance)</source>
        <translation>P (샘플 단위)</translation>
    </message>
    <message>
        <source>Q (class-weighted)</source>
        <translation>Q (클래스 가중)</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::CompareRunsDialog</name>
    <message>
        <source>Compare runs — %1</source>
        <translation>실행 비교 — %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Label version</source>
        <translation>라벨 버전</translation>
    </message>
    <message>
        <source>Train acc.</source>
        <translation>학습 정확도</translation>
    </message>
    <message>
        <source>Val acc.</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <source>Test acc.</source>
        <translation>테스트 정확도</translation>
    </message>
    <message>
        <source>Loss per epoch</source>
        <translation>에포크별 손실</translation>
    </message>
    <message>
        <source>Accuracy per epoch</source>
        <translation>에포크별 정확도</translation>
    </message>
    <message>
        <source>Per-class accuracy (last epoch)</source>
        <translation>클래스별 정확도 (마지막 에포크)</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>탐지기</translation>
    </message>
    <message>
        <source>Flagged A</source>
        <translation>A 플래그</translation>
    </message>
    <message>
        <source>Flagged B</source>
        <translation>B 플래그</translation>
    </message>
    <message>
        <source>Flagged by both</source>
        <translation>둘 다 플래그</translation>
    </message>
    <message>
        <source>Jaccard</source>
        <translation>자카드</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>스피어만 ρ</translation>
    </message>
    <message>
        <source>P / R / F1 (A)</source>
        <translation>정밀도 / 재현율 / F1 (A)</translation>
    </message>
    <message>
        <source>P / R / F1 (B)</source>
        <translation>정밀도 / 재현율 / F1 (B)</translation>
    </message>
    <message>
        <source>Samples in both</source>
        <translation>공통 샘플</translation>
    </message>
    <message>
        <source>Run A (solid):</source>
        <translation>실행 A (실선):</translation>
    </message>
    <message>
        <source>Run B (dashed):</source>
        <translation>실행 B (점선):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scorings&lt;/b&gt; of the two runs, detector by detector</source>
        <translation>두 실행의 &lt;b&gt;채점&lt;/b&gt;, 탐지기별</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>run %1 · %2, %3, label v%4</source>
        <translation>실행 %1 · %2, %3, 라벨 v%4</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>epoch %1 — %2</source>
        <translation>에포크 %1 — %2</translation>
    </message>
    <message>
        <source>run %1 (%2)</source>
        <translation>실행 %1 (%2)</translation>
    </message>
    <message>
        <source>%1: A %2, B %3</source>
        <translation>%1: A %2, B %3</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::DetailPane</name>
    <message>
        <source>image file</source>
        <translation>이미지 파일</translation>
    </message>
    <message>
        <source>array record</source>
        <translation>배열 레코드</translation>
    </message>
    <message>
        <source>video clip</source>
        <translation>비디오 클립</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>No sample selected</source>
        <translation>선택한 샘플 없음</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>New</source>
        <translation>새 값</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Label history</source>
        <translation>라벨 이력</translation>
    </message>
    <message>
        <source>Sample %1 does not exist.</source>
        <translation>샘플 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>라벨</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>분할</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>레코드</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>프레임</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Original label</source>
        <translation>원래 라벨</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>검증됨</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Unreadable at import: %1</source>
        <translation>가져올 때 읽을 수 없음: %1</translation>
    </message>
    <message>
        <source>This sample has no displayable image.</source>
        <translation>이 샘플에는 표시할 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>&amp;More like this</source>
        <translation>비슷한 샘플(&amp;M)</translation>
    </message>
    <message>
        <source>The most similar samples, from the newest issues scan</source>
        <translation>가장 최근 문제 스캔에서 찾은 가장 비슷한 샘플</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::DuplicateGroupReviewWidget</name>
    <message>
        <source>exact duplicates</source>
        <translation>완전 중복</translation>
    </message>
    <message>
        <source>near duplicates</source>
        <translation>유사 중복</translation>
    </message>
    <message>
        <source>leakage across splits</source>
        <translation>분할 간 누출</translation>
    </message>
    <message>
        <source>different labels</source>
        <translation>서로 다른 라벨</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Duplicate groups — %1</source>
        <translation>중복 그룹 — %1</translation>
    </message>
    <message>
        <source>1–9 keep that one and exclude the others · N not duplicates · ← → groups · Ctrl+Z undo · ? keys</source>
        <translation>1–9 그 항목을 남기고 나머지 제외 · N 중복 아님 · ← → 그룹 이동 · Ctrl+Z 실행 취소 · ? 키 도움말</translation>
    </message>
    <message>
        <source>Cannot open the duplicate groups of %1: %2</source>
        <translation>%1의 중복 그룹을 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>This result has no duplicate groups.</source>
        <translation>이 결과에는 중복 그룹이 없습니다.</translation>
    </message>
    <message>
        <source>This result has no duplicate groups of type %1.</source>
        <translation>이 결과에는 %1 유형의 중복 그룹이 없습니다.</translation>
    </message>
    <message>
        <source>%1 of %2 groups decided</source>
        <translation>그룹 %2개 중 %1개 결정됨</translation>
    </message>
    <message>
        <source>No duplicate groups</source>
        <translation>중복 그룹 없음</translation>
    </message>
    <message>
        <source>Nothing to review</source>
        <translation>검토할 항목 없음</translation>
    </message>
    <message>
        <source>Group %1 of %2 · %3</source>
        <translation>그룹 %1 / %2 · %3</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(라벨 없음)</translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation>크기 알 수 없음</translation>
    </message>
    <message>
        <source>#%1 · %2
%3 · %4
%5</source>
        <translation>#%1 · %2
%3 · %4
%5</translation>
    </message>
    <message>
        <source>#%1 · sample not found</source>
        <translation>#%1 · 샘플을 찾을 수 없음</translation>
    </message>
    <message>
        <source>(cannot be read)</source>
        <translation>(읽을 수 없음)</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Open here, but every pair was judged not duplicates in an earlier review</source>
        <translation>여기서는 미결정이지만, 모든 쌍이 이전 검토에서 중복 아님으로 판정됨</translation>
    </message>
    <message>
        <source>Open: not decided yet</source>
        <translation>미결정: 아직 결정되지 않음</translation>
    </message>
    <message>
        <source>Decided by %1: keep #%2, exclude the others</source>
        <translation>%1 결정: #%2 유지, 나머지 제외</translation>
    </message>
    <message>
        <source>Decided by %1: not duplicates</source>
        <translation>%1 결정: 중복 아님</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>유지됨</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>제외됨</translation>
    </message>
    <message>
        <source>not a duplicate</source>
        <translation>중복 아님</translation>
    </message>
    <message numerus="yes">
        <source>Group %1: kept #%2, excluded %n other(s)</source>
        <translation>
            <numerusform>그룹 %1: #%2 유지, 나머지 %n개 제외</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not record the decision: %1</source>
        <translation>결정을 기록할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Group %1: not duplicates</source>
        <translation>그룹 %1: 중복 아님</translation>
    </message>
    <message>
        <source>Undone: the decision on group %1</source>
        <translation>실행 취소됨: 그룹 %1의 결정</translation>
    </message>
    <message>
        <source>Undo failed: %1</source>
        <translation>실행 취소 실패: %1</translation>
    </message>
    <message>
        <source>Redone: the decision on group %1</source>
        <translation>다시 실행됨: 그룹 %1의 결정</translation>
    </message>
    <message>
        <source>Redo failed: %1</source>
        <translation>다시 실행 실패: %1</translation>
    </message>
    <message>
        <source>Could not read the decisions: %1</source>
        <translation>결정을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>1 … 9</source>
        <translation>1 … 9</translation>
    </message>
    <message>
        <source>Keep that member, exclude the others</source>
        <translation>그 항목을 남기고 나머지 제외</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Not duplicates: mark the group, change no sample</source>
        <translation>중복 아님: 그룹만 표시하고 샘플은 바꾸지 않음</translation>
    </message>
    <message>
        <source>→, ↓ or J</source>
        <translation>→, ↓ 또는 J</translation>
    </message>
    <message>
        <source>Next group</source>
        <translation>다음 그룹</translation>
    </message>
    <message>
        <source>←, ↑ or K</source>
        <translation>←, ↑ 또는 K</translation>
    </message>
    <message>
        <source>Previous group</source>
        <translation>이전 그룹</translation>
    </message>
    <message>
        <source>Ctrl+Z or Z</source>
        <translation>Ctrl+Z 또는 Z</translation>
    </message>
    <message>
        <source>Undo the last group decision (every member together)</source>
        <translation>마지막 그룹 결정 실행 취소 (모든 항목 함께)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z, Ctrl+Y or Shift+Z</source>
        <translation>Ctrl+Shift+Z, Ctrl+Y 또는 Shift+Z</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>? or F1</source>
        <translation>? 또는 F1</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>이 도움말</translation>
    </message>
    <message>
        <source>Duplicate groups</source>
        <translation>중복 그룹</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::EmbeddingMapView</name>
    <message>
        <source>Embedding map</source>
        <translation>임베딩 맵</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>상자</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>올가미</translation>
    </message>
    <message>
        <source>Drag to move the map (P)</source>
        <translation>드래그하여 맵 이동 (P)</translation>
    </message>
    <message>
        <source>Drag a rectangle to select points (B)</source>
        <translation>사각형을 드래그하여 점 선택 (B)</translation>
    </message>
    <message>
        <source>Draw around points to select them (L)</source>
        <translation>점 둘레를 그려서 선택 (L)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>no values</source>
        <translation>값 없음</translation>
    </message>
    <message>
        <source>max %1</source>
        <translation>최댓값 %1</translation>
    </message>
    <message>
        <source>min %1</source>
        <translation>최솟값 %1</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>범주</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… %n개 더</numerusform>
        </translation>
    </message>
    <message>
        <source>Wheel, + / −</source>
        <translation>휠, + / −</translation>
    </message>
    <message>
        <source>Zoom around the cursor (keys: around the centre)</source>
        <translation>커서를 중심으로 확대/축소 (키: 가운데를 중심으로)</translation>
    </message>
    <message>
        <source>Arrows, middle drag</source>
        <translation>화살표, 가운데 버튼 드래그</translation>
    </message>
    <message>
        <source>Move the map</source>
        <translation>맵 이동</translation>
    </message>
    <message>
        <source>P / B / L</source>
        <translation>P / B / L</translation>
    </message>
    <message>
        <source>Mode: pan, box selection, lasso selection</source>
        <translation>모드: 이동, 상자 선택, 올가미 선택</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>드래그</translation>
    </message>
    <message>
        <source>Pan, or select in a box or lasso (by mode)</source>
        <translation>이동하거나 상자 또는 올가미로 선택 (모드에 따라)</translation>
    </message>
    <message>
        <source>Shift + drag or click</source>
        <translation>Shift + 드래그 또는 클릭</translation>
    </message>
    <message>
        <source>Add to the selection</source>
        <translation>선택에 추가</translation>
    </message>
    <message>
        <source>Ctrl + drag or click</source>
        <translation>Ctrl + 드래그 또는 클릭</translation>
    </message>
    <message>
        <source>Remove from the selection</source>
        <translation>선택에서 제거</translation>
    </message>
    <message>
        <source>Click a point</source>
        <translation>점 클릭</translation>
    </message>
    <message>
        <source>Select it</source>
        <translation>그 점을 선택</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>더블클릭</translation>
    </message>
    <message>
        <source>On a point: open it; elsewhere: fit all</source>
        <translation>점 위: 열기, 그 밖: 전체 보기</translation>
    </message>
    <message>
        <source>F, Home</source>
        <translation>F, Home</translation>
    </message>
    <message>
        <source>Fit all points</source>
        <translation>모든 점을 화면에 맞추기</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>선택 해제</translation>
    </message>
    <message>
        <source>Ctrl+A</source>
        <translation>Ctrl+A</translation>
    </message>
    <message>
        <source>Select all points</source>
        <translation>모든 점 선택</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No map to show</source>
        <translation>표시할 맵이 없습니다</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>샘플 %1</translation>
    </message>
    <message>
        <source>category has %1 value(s) for %2 point(s)</source>
        <translation>범주 값이 %1개인데 점은 %2개입니다</translation>
    </message>
    <message>
        <source>value has %1 value(s) for %2 point(s)</source>
        <translation>값이 %1개인데 점은 %2개입니다</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::EncoderFeaturesChoice</name>
    <message>
        <source>Image encoder</source>
        <translation>이미지 인코더</translation>
    </message>
    <message>
        <source>The image side of a dual encoder: a TorchScript CLIP-family model (.pt), a built-in encoder file, or hash-demo (a test baseline, not a model). The first scan encodes every sample; later ones read the encodings back.</source>
        <translation>이중 인코더의 이미지 쪽: TorchScript CLIP 계열 모델(.pt), 내장 인코더 파일, 또는 hash-demo(테스트 기준선이며 모델이 아님). 첫 스캔은 모든 샘플을 인코딩하고, 이후 스캔은 저장된 인코딩을 다시 읽습니다.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>Models (*.pt *.pth *.ts *.bin);;All files (*)</source>
        <translation>모델 (*.pt *.pth *.ts *.bin);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Choose an image encoder</source>
        <translation>이미지 인코더 선택</translation>
    </message>
    <message>
        <source>Image encoder…</source>
        <translation>이미지 인코더…</translation>
    </message>
    <message>
        <source>Image encoder: %1…</source>
        <translation>이미지 인코더: %1…</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ExternalRunWatcher</name>
    <message>
        <source>%1 ended before the run finished.</source>
        <translation>실행이 끝나기 전에 %1이(가) 종료되었습니다.</translation>
    </message>
    <message>
        <source>Run %1 (%2)</source>
        <translation>실행 %1 (%2)</translation>
    </message>
    <message>
        <source>epoch %1/%2 done</source>
        <translation>에포크 %1/%2 완료</translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s) done</source>
        <translation>
            <numerusform>%n 에포크 완료</numerusform>
        </translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>손실 %1</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ImportDialog</name>
    <message>
        <source>Import dataset</source>
        <translation>데이터셋 가져오기</translation>
    </message>
    <message>
        <source>Image folder (one sub-folder per class)</source>
        <translation>이미지 폴더 (클래스마다 하위 폴더)</translation>
    </message>
    <message>
        <source>CSV manifest (path,label[,split])</source>
        <translation>CSV 목록 (경로,라벨[,분할])</translation>
    </message>
    <message>
        <source>MNIST / Fashion-MNIST IDX files</source>
        <translation>MNIST / Fashion-MNIST IDX 파일</translation>
    </message>
    <message>
        <source>CIFAR-10/100 binary batches</source>
        <translation>CIFAR-10/100 바이너리 배치</translation>
    </message>
    <message>
        <source>Video folder (one sub-folder per class)</source>
        <translation>비디오 폴더 (클래스마다 하위 폴더)</translation>
    </message>
    <message>
        <source>Video CSV manifest</source>
        <translation>비디오 CSV 목록</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>From the source (default train)</source>
        <translation>원본을 따름 (기본값 학습)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Check headers (fast)</source>
        <translation>헤더 검사 (빠름)</translation>
    </message>
    <message>
        <source>Decode every image (thorough)</source>
        <translation>모든 이미지 디코딩 (철저함)</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>형식:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>원본:</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>분할:</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>검사:</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>줄</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>가져오기 취소</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Choose the CSV manifest</source>
        <translation>CSV 목록 선택</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>데이터셋 폴더 선택</translation>
    </message>
    <message>
        <source>Choose a source first.</source>
        <translation>먼저 원본을 선택하세요.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>가져오는 중…</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 가져오기</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>가져오기 실패: %1</translation>
    </message>
    <message>
        <source>Import cancelled; the project is unchanged.</source>
        <translation>가져오기를 취소했습니다. 프로젝트는 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Imported %1 samples (%2 unreadable), skipped %3, %4 problems.</source>
        <translation>샘플 %1개를 가져왔습니다(읽을 수 없음 %2개). 건너뜀 %3개, 문제 %4건.</translation>
    </message>
    <message>
        <source>(showing the first %1)</source>
        <translation>(처음 %1건 표시)</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::InfluenceDashboard</name>
    <message>
        <source>Reset cuts to μ(G_low)</source>
        <translation>컷을 μ(G_low)로 되돌리기</translation>
    </message>
    <message>
        <source>Use these flags in the queue</source>
        <translation>이 플래그를 대기열에 사용</translation>
    </message>
    <message>
        <source>γ (consensus):</source>
        <translation>γ (합의):</translation>
    </message>
    <message>
        <source>OSD class:</source>
        <translation>OSD 클래스:</translation>
    </message>
    <message>
        <source>cut:</source>
        <translation>컷:</translation>
    </message>
    <message>
        <source>OSM histogram</source>
        <translation>OSM 히스토그램</translation>
    </message>
    <message>
        <source>Consensus count</source>
        <translation>합의 수</translation>
    </message>
    <message>
        <source>Loss vs OSM</source>
        <translation>손실 대 OSM</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>탐지기</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>플래그됨</translation>
    </message>
    <message>
        <source>This flagged</source>
        <translation>이 탐지기 플래그</translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation>겹침</translation>
    </message>
    <message>
        <source>Jaccard</source>
        <translation>자카드</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>스피어만 ρ</translation>
    </message>
    <message>
        <source>&lt;b&gt;Detector comparison&lt;/b&gt; (flagged-set overlap, rank correlation of scores)</source>
        <translation>&lt;b&gt;탐지기 비교&lt;/b&gt; (플래그 집합 겹침, 점수 순위 상관)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3 samples flagged (γ = %4)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: 샘플 %3개 중 %2개 플래그됨 (γ = %4)</translation>
    </message>
    <message>
        <source> · self-test: precision %1, recall %2, F1 %3 (%4 injected)</source>
        <translation> · 자체 테스트: 정밀도 %1, 재현율 %2, F1 %3 (주입 %4개)</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>깨끗함</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>noisy (injected)</source>
        <translation>노이즈(주입됨)</translation>
    </message>
    <message>
        <source>OSM</source>
        <translation>OSM</translation>
    </message>
    <message>
        <source>score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>D_M = OSM ≥ 0: %1 samples</source>
        <translation>D_M = OSM ≥ 0: 샘플 %1개</translation>
    </message>
    <message>
        <source>this detector has no OSM; showing its score</source>
        <translation>이 탐지기에는 OSM이 없어 점수를 표시합니다</translation>
    </message>
    <message>
        <source>consensus c (classes whose candidate set holds the sample)</source>
        <translation>합의 c (해당 샘플을 후보 집합에 포함한 클래스 수)</translation>
    </message>
    <message>
        <source>flagged (c ≥ γ): %1</source>
        <translation>플래그됨 (c ≥ γ): %1</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>every %1th sample shown</source>
        <translation>%1번째 샘플마다 표시</translation>
    </message>
    <message>
        <source>OSM %1, loss %2</source>
        <translation>OSM %1, 손실 %2</translation>
    </message>
    <message>
        <source>only one detector has been scored on this project</source>
        <translation>이 프로젝트에서 점수를 매긴 탐지기가 하나뿐입니다</translation>
    </message>
    <message>
        <source>Export all plots</source>
        <translation>모든 그래프 내보내기</translation>
    </message>
    <message>
        <source>as %1…</source>
        <translation>%1(으)로…</translation>
    </message>
    <message>
        <source>Export every plot into</source>
        <translation>모든 그래프를 내보낼 폴더</translation>
    </message>
    <message>
        <source>&lt;b&gt;OSD per class&lt;/b&gt; with the fitted G_low / G_high and the cut of each class (drag a cut to move it)</source>
        <translation>적합된 G_low / G_high와 클래스별 컷을 포함한 &lt;b&gt;클래스별 OSD&lt;/b&gt; (컷을 끌어 이동)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3 samples flagged</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: 샘플 %3개 중 %2개 플래그됨</translation>
    </message>
    <message>
        <source>Set γ to the value METHODS&apos; rule gives for this scoring</source>
        <translation>이 채점에 METHODS 규칙이 주는 값으로 γ를 설정합니다</translation>
    </message>
    <message>
        <source>METHODS&apos; γ (%1)</source>
        <translation>METHODS γ (%1)</translation>
    </message>
    <message>
        <source>Stored γ = %1, chosen from the data: its flagged count is the nearest to the number of noisy samples that confident learning on the early epoch estimates. METHODS&apos; rule gives γ = %2.</source>
        <translation>저장된 γ = %1, 데이터로 선택됨: 표시된 수가 초기 에포크의 신뢰 학습이 추정한 잡음 샘플 수에 가장 가깝습니다. METHODS 규칙은 γ = %2입니다.</translation>
    </message>
    <message>
        <source>Stored γ = %1, chosen from the data: its flagged count is the nearest to the number of noisy samples that confident learning on the early epoch estimates.</source>
        <translation>저장된 γ = %1, 데이터로 선택됨: 표시된 수가 초기 에포크의 신뢰 학습이 추정한 잡음 샘플 수에 가장 가깝습니다.</translation>
    </message>
    <message>
        <source>Stored γ = %1, by METHODS&apos; rule (the run has no training dynamics, or the scoring asked for the rule).</source>
        <translation>저장된 γ = %1, METHODS 규칙에 따름 (실행에 학습 동역학이 없거나 채점이 이 규칙을 요청함).</translation>
    </message>
    <message>
        <source>Stored γ = %1, set when the scoring was started.</source>
        <translation>저장된 γ = %1, 채점을 시작할 때 지정됨.</translation>
    </message>
    <message>
        <source>Stored γ = %1.</source>
        <translation>저장된 γ = %1.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::IssuesPanel</name>
    <message>
        <source>Scan</source>
        <translation>스캔</translation>
    </message>
    <message>
        <source>&amp;Features:</source>
        <translation>특징(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Neighbours (k):</source>
        <translation>이웃 수 k(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Automatic</source>
        <translation>자동(&amp;A)</translation>
    </message>
    <message>
        <source>Squared distance between unit feature vectors (0 to 4) at or below which two samples are near duplicates</source>
        <translation>두 샘플을 유사 중복으로 보는 단위 특징 벡터 사이의 제곱 거리 상한(0~4)</translation>
    </message>
    <message>
        <source>Near-duplicate &amp;threshold:</source>
        <translation>유사 중복 임계값(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>스캔(&amp;S)</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>정밀도</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>재현율</translation>
    </message>
    <message>
        <source>Double-click an issue to review its samples, highest score first. Precision and recall: against the noise injected by a self-test.</source>
        <translation>문제를 두 번 클릭하면 그 샘플을 점수가 높은 순서로 검토합니다. 정밀도와 재현율: 자체 테스트가 주입한 노이즈 기준.</translation>
    </message>
    <message>
        <source>Near-duplicate threshold</source>
        <translation>유사 중복 임계값</translation>
    </message>
    <message>
        <source>&amp;Use for the next scan</source>
        <translation>다음 스캔에 사용(&amp;U)</translation>
    </message>
    <message>
        <source>More like this</source>
        <translation>비슷한 샘플</translation>
    </message>
    <message>
        <source>Choose “More like this” on a sample.</source>
        <translation>샘플에서 “비슷한 샘플”을 고르세요.</translation>
    </message>
    <message>
        <source>Scan to find similar samples</source>
        <translation>스캔해서 비슷한 샘플 찾기</translation>
    </message>
    <message>
        <source>Grey thumbnail (no model)</source>
        <translation>흑백 썸네일 (모델 없음)</translation>
    </message>
    <message>
        <source>Features of run %1</source>
        <translation>실행 %1의 특징</translation>
    </message>
    <message>
        <source>%1 of %2 flagged samples were mislabelled by the self-test</source>
        <translation>플래그된 샘플 %2개 중 %1개가 자체 테스트에서 잘못 라벨링된 샘플</translation>
    </message>
    <message>
        <source>%1 of %2 mislabelled samples flagged</source>
        <translation>잘못 라벨링된 샘플 %2개 중 %1개 플래그됨</translation>
    </message>
    <message>
        <source>Open a project to look for duplicates, leakage, outliers and image problems.</source>
        <translation>중복, 누수, 이상치, 이미지 문제를 찾으려면 프로젝트를 여세요.</translation>
    </message>
    <message>
        <source>No scan yet: choose the features and press Scan.</source>
        <translation>아직 스캔이 없습니다: 특징을 고르고 스캔을 누르세요.</translation>
    </message>
    <message>
        <source>Could not read the issues: %1</source>
        <translation>문제를 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Scan %1 of %2 · %3 samples</source>
        <translation>스캔 %1 (%2) · 샘플 %3개</translation>
    </message>
    <message>
        <source>Features: %1</source>
        <translation>특징: %1</translation>
    </message>
    <message>
        <source>Neighbours: k = %1, %2</source>
        <translation>이웃: k = %1, %2</translation>
    </message>
    <message>
        <source>Approximate index: recall@k %1 against exact search on %2 queries</source>
        <translation>근사 색인: 질의 %2개에서 정확 검색 대비 recall@k %1</translation>
    </message>
    <message>
        <source>Near-duplicate threshold used: %1</source>
        <translation>사용한 유사 중복 임계값: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) could not be read</source>
        <translation>
            <numerusform>샘플 %n개를 읽을 수 없음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video clip(s) not checked for image quality</source>
        <translation>
            <numerusform>비디오 클립 %n개는 이미지 품질을 검사하지 않음</numerusform>
        </translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>경고: %1</translation>
    </message>
    <message>
        <source>No issues found.</source>
        <translation>문제를 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>The stored neighbours could not be read.</source>
        <translation>저장된 이웃을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Scan first.</source>
        <translation>먼저 스캔하세요.</translation>
    </message>
    <message>
        <source>At %1: %2 duplicate group(s) with %3 samples (largest %4)</source>
        <translation>%1에서: 중복 그룹 %2개, 샘플 %3개 (가장 큰 그룹 %4개)</translation>
    </message>
    <message>
        <source>Cancel &amp;scan</source>
        <translation>스캔 취소(&amp;S)</translation>
    </message>
    <message>
        <source>Scan for issues</source>
        <translation>문제 스캔</translation>
    </message>
    <message numerus="yes">
        <source>Scan %1: %n issue(s) in %2 samples</source>
        <translation>
            <numerusform>스캔 %1: 샘플 %2개에서 문제 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan cancelled.</source>
        <translation>스캔을 취소했습니다.</translation>
    </message>
    <message>
        <source>The stored neighbours could not be read: %1</source>
        <translation>저장된 이웃을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>No scan yet: scan the project to find samples like #%1.</source>
        <translation>아직 스캔이 없습니다: #%1과(와) 비슷한 샘플을 찾으려면 프로젝트를 스캔하세요.</translation>
    </message>
    <message>
        <source>#%1 was not in scan %2; scan again to include it.</source>
        <translation>#%1은(는) 스캔 %2에 없습니다. 포함하려면 다시 스캔하세요.</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) most like #%1 (features %2, scan %3)</source>
        <translation>
            <numerusform>#%1과(와) 가장 비슷한 샘플 %n개 (특징 %2, 스캔 %3)</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1
%2</source>
        <translation>#%1
%2</translation>
    </message>
    <message>
        <source>#%1, squared distance %2</source>
        <translation>#%1, 제곱 거리 %2</translation>
    </message>
    <message>
        <source>Loading the newest scan…</source>
        <translation>최신 스캔을 불러오는 중…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Video clips: %n scanned by %1 sampled frame(s) each; a clip is flagged when half its frames are</source>
        <translation>
            <numerusform>동영상 클립: %n개를 각각 표본 프레임 %1개로 검사했습니다. 프레임의 절반 이상에 문제가 있으면 클립을 표시합니다</numerusform>
        </translation>
    </message>
    <message>
        <source>The features the neighbours use: a grey thumbnail of each image (no model), the penultimate features of a finished run, or an image encoder&apos;s (video clips: the mean over their sampled frames)</source>
        <translation>이웃 찾기에 쓰는 특징: 각 이미지의 흑백 썸네일(모델 없음), 끝난 실행의 끝에서 두 번째 층 특징, 또는 이미지 인코더의 특징(비디오 클립: 샘플링한 프레임들의 평균)</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::JobRunner</name>
    <message>
        <source>Out of memory.</source>
        <translation>메모리가 부족합니다.</translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation>알 수 없는 오류입니다.</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 열기</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::JobsPanel</name>
    <message>
        <source>No jobs.</source>
        <translation>작업 없음.</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>끝난 작업 지우기</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 남음</translation>
    </message>
    <message>
        <source>%1 — %2 left</source>
        <translation>%1 — %2 남음</translation>
    </message>
    <message>
        <source>Done in %1.</source>
        <translation>%1 만에 완료.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소됨.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>%1 (project %2)</source>
        <translation>%1 (프로젝트 %2)</translation>
    </message>
    <message>
        <source>This job belongs to %1, which is no longer the open project.</source>
        <translation>이 작업은 더 이상 열려 있지 않은 프로젝트 %1의 작업입니다.</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>작업 취소</translation>
    </message>
    <message>
        <source>Cancel “%1”? It has been running for %2.</source>
        <translation>“%1”을(를) 취소할까요? %2 동안 실행되었습니다.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::KeyHelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>키보드 단축키</translation>
    </message>
    <message>
        <source>Press any key or click to close.</source>
        <translation>아무 키나 누르거나 클릭하면 닫힙니다.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::MapPanel</name>
    <message>
        <source>Neighbour layout</source>
        <translation>이웃 배치</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Colour by label</source>
        <translation>라벨별 색</translation>
    </message>
    <message>
        <source>Colour by split</source>
        <translation>분할별 색</translation>
    </message>
    <message>
        <source>Colour by issue</source>
        <translation>문제별 색</translation>
    </message>
    <message>
        <source>Colour by outlier score</source>
        <translation>이상치 점수별 색</translation>
    </message>
    <message>
        <source>Press Compute to draw the map.</source>
        <translation>지도를 그리려면 계산을 누르세요.</translation>
    </message>
    <message>
        <source>Show in grid</source>
        <translation>그리드에 표시</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>썸네일</translation>
    </message>
    <message>
        <source>Run %1 features</source>
        <translation>실행 %1의 특징</translation>
    </message>
    <message>
        <source>Computing the map…</source>
        <translation>지도 계산 중…</translation>
    </message>
    <message>
        <source>Embedding map (%1)</source>
        <translation>임베딩 지도 (%1)</translation>
    </message>
    <message>
        <source>Map cancelled.</source>
        <translation>지도 계산이 취소되었습니다.</translation>
    </message>
    <message>
        <source>The map could not be made: %1</source>
        <translation>지도를 만들 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) · %1</source>
        <translation>
            <numerusform>점 %n개 · %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Split</source>
        <translation>분할</translation>
    </message>
    <message>
        <source>Issue (no scan yet)</source>
        <translation>문제 (아직 검사 안 함)</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Outlier score</source>
        <translation>이상치 점수</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>라벨</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n개 선택됨</numerusform>
        </translation>
    </message>
    <message>
        <source>What the map is made of: image thumbnails (no model needed), a run&apos;s features or an image encoder&apos;s.</source>
        <translation>지도의 바탕: 이미지 썸네일(모델 불필요), 실행의 특징 또는 이미지 인코더의 특징.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::MapPoints</name>
    <message>
        <source>The map has %1 coordinates for %2 samples (two per sample expected).</source>
        <translation>맵에 샘플 %2개에 대한 좌표가 %1개 있습니다(샘플마다 두 개가 필요합니다).</translation>
    </message>
    <message>
        <source>The map has %1 category entries for %2 samples.</source>
        <translation>맵에 샘플 %2개에 대한 범주 항목이 %1개 있습니다.</translation>
    </message>
    <message>
        <source>The map has %1 values for %2 samples.</source>
        <translation>맵에 샘플 %2개에 대한 값이 %1개 있습니다.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::NoiseDialog</name>
    <message>
        <source>Inject label noise</source>
        <translation>라벨 노이즈 주입</translation>
    </message>
    <message>
        <source>Flips a share of the training labels so the detectors can be measured against a known truth. The original labels are kept; injecting again starts from them.</source>
        <translation>학습 라벨 일부를 바꿔 알려진 정답으로 탐지기를 측정합니다. 원래 라벨은 보존되며, 다시 주입하면 원래 라벨에서 시작합니다.</translation>
    </message>
    <message>
        <source>Symmetric (to any other class)</source>
        <translation>대칭 (다른 아무 클래스로)</translation>
    </message>
    <message>
        <source>Asymmetric (to the next class)</source>
        <translation>비대칭 (다음 클래스로)</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>종류:</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>비율:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Trusted per class:</source>
        <translation>클래스별 신뢰 샘플:</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::OsdSmallMultiples</name>
    <message>
        <source>class %1</source>
        <translation>클래스 %1</translation>
    </message>
    <message>
        <source>OSD of class %1</source>
        <translation>클래스 %1의 OSD</translation>
    </message>
    <message>
        <source>G_low (μ %1)</source>
        <translation>G_low (μ %1)</translation>
    </message>
    <message>
        <source>G_high (μ %1)</source>
        <translation>G_high (μ %1)</translation>
    </message>
    <message>
        <source>cut μ(G_low) = %1</source>
        <translation>컷 μ(G_low) = %1</translation>
    </message>
    <message>
        <source>cut %1</source>
        <translation>컷 %1</translation>
    </message>
    <message>
        <source> · C = %1 of %2</source>
        <translation> · C = %2개 중 %1개</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::PerClassAccuracyChart</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>many</source>
        <translation>다수</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>중간</translation>
    </message>
    <message>
        <source>few</source>
        <translation>소수</translation>
    </message>
    <message>
        <source>Classes by their training samples: many &gt; 100, medium 20–100, few &lt; 20.</source>
        <translation>학습 샘플 수에 따른 클래스 구분: 다수 &gt; 100, 중간 20–100, 소수 &lt; 20.</translation>
    </message>
    <message>
        <source>Accuracy per class.</source>
        <translation>클래스별 정확도.</translation>
    </message>
    <message>
        <source>Accuracy per class on the %1 split.</source>
        <translation>%1 분할의 클래스별 정확도.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::PlotFrame</name>
    <message>
        <source>Export this plot as %1</source>
        <translation>이 그래프를 %1(으)로 내보내기</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 파일 (*.%2)</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>깨끗함</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>noisy (injected)</source>
        <translation>노이즈(주입됨)</translation>
    </message>
    <message>
        <source>[%1, %2): %3 samples</source>
        <translation>[%1, %2): 샘플 %3개</translation>
    </message>
    <message>
        <source>, %1 noisy</source>
        <translation>, 노이즈 %1개</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ProcessRunJob</name>
    <message>
        <source>step %1/%2</source>
        <translation>스텝 %1/%2</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>손실 %1</translation>
    </message>
    <message>
        <source>The training processes were killed (signal %1).</source>
        <translation>학습 프로세스가 강제 종료되었습니다 (시그널 %1).</translation>
    </message>
    <message>
        <source>The training processes ended with exit status %1.</source>
        <translation>학습 프로세스가 종료 상태 %1로 끝났습니다.</translation>
    </message>
    <message>
        <source>%1 Last message: %2</source>
        <translation>%1 마지막 메시지: %2</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1을(를) 시작할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::QualityHistogramView</name>
    <message>
        <source>Samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Drag the red line, or press Left/Right (Shift: faster), to move the cut</source>
        <translation>빨간 선을 끌거나 왼쪽/오른쪽 키(Shift: 더 빠르게)를 눌러 기준선을 옮기세요</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::QualitySection</name>
    <message>
        <source>Image quality</source>
        <translation>이미지 품질</translation>
    </message>
    <message>
        <source>below the cut</source>
        <translation>기준선 아래</translation>
    </message>
    <message>
        <source>above the cut</source>
        <translation>기준선 위</translation>
    </message>
    <message>
        <source>The exact cut</source>
        <translation>정확한 기준값</translation>
    </message>
    <message>
        <source>&amp;Review these</source>
        <translation>이 샘플 검토(&amp;R)</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>밝기</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>대비</translation>
    </message>
    <message>
        <source>Sharpness (variance of the Laplacian)</source>
        <translation>선명도(라플라시안 분산)</translation>
    </message>
    <message>
        <source>Entropy (bits)</source>
        <translation>엔트로피(비트)</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>종횡비</translation>
    </message>
    <message>
        <source>Colourfulness</source>
        <translation>색채도</translation>
    </message>
    <message>
        <source>Shorter side (pixels)</source>
        <translation>짧은 변(픽셀)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>This scan holds no image quality measures; scan again.</source>
        <translation>이 스캔에는 이미지 품질 측정값이 없습니다. 다시 스캔하세요.</translation>
    </message>
    <message>
        <source>Scan first.</source>
        <translation>먼저 스캔하세요.</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) beyond the cut</source>
        <translation>
            <numerusform>기준선 밖 샘플 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 below %2</source>
        <translation>%1 %2 미만</translation>
    </message>
    <message>
        <source>%1 above %2</source>
        <translation>%1 %2 초과</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrainJob</name>
    <message numerus="yes">
        <source>Retrain on the cleaned labels (%n epoch(s))</source>
        <translation>
            <numerusform>정리된 라벨로 재학습 (%n 에포크)</numerusform>
        </translation>
    </message>
    <message>
        <source>Training run on label version %1…</source>
        <translation>라벨 버전 %1로 학습하는 중…</translation>
    </message>
    <message>
        <source>Re-score run %1</source>
        <translation>실행 %1 다시 점수 매기기</translation>
    </message>
    <message>
        <source>Scoring run %1…</source>
        <translation>실행 %1 채점 중…</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalBrowser</name>
    <message>
        <source>Evaluation:</source>
        <translation>평가:</translation>
    </message>
    <message>
        <source>both directions</source>
        <translation>양방향</translation>
    </message>
    <message>
        <source>image → text</source>
        <translation>이미지 → 텍스트</translation>
    </message>
    <message>
        <source>text → image</source>
        <translation>텍스트 → 이미지</translation>
    </message>
    <message>
        <source>every failure</source>
        <translation>모든 실패</translation>
    </message>
    <message>
        <source>attack item above the ground truth</source>
        <translation>공격 항목이 정답보다 위</translation>
    </message>
    <message>
        <source>attack item is top-1</source>
        <translation>공격 항목이 1위</translation>
    </message>
    <message>
        <source>ground truth lost from the top k</source>
        <translation>정답이 상위 k에서 밀려남</translation>
    </message>
    <message>
        <source>swapped word…</source>
        <translation>바뀐 단어…</translation>
    </message>
    <message>
        <source>Top-1 wins</source>
        <translation>1위 횟수</translation>
    </message>
    <message>
        <source>Swap (source &gt; target)</source>
        <translation>교체 (원래 &gt; 새 단어)</translation>
    </message>
    <message>
        <source>Gallery item</source>
        <translation>갤러리 항목</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>결과(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Failures</source>
        <translation>실패(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Leaderboards</source>
        <translation>순위표(&amp;L)</translation>
    </message>
    <message>
        <source>No evaluation yet: import a caption set and run one (Retrieval menu).</source>
        <translation>아직 평가가 없습니다. 캡션 세트를 가져와 평가를 실행하세요 (검색 메뉴).</translation>
    </message>
    <message>
        <source>Loading evaluation #%1…</source>
        <translation>평가 #%1 불러오는 중…</translation>
    </message>
    <message>
        <source>Evaluation #%1 cannot be shown: %2</source>
        <translation>평가 #%1을(를) 표시할 수 없음: %2</translation>
    </message>
    <message>
        <source>every attack</source>
        <translation>모든 공격</translation>
    </message>
    <message>
        <source>%1 of %2 failures</source>
        <translation>실패 %2건 중 %1건</translation>
    </message>
    <message>
        <source>Put a second evaluation of the same caption set beside this one (another model or seed)</source>
        <translation>같은 캡션 세트의 다른 평가(다른 모델이나 시드)를 나란히 놓습니다</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>비교 대상:</translation>
    </message>
    <message>
        <source>J or ←</source>
        <translation>J 또는 ←</translation>
    </message>
    <message>
        <source>previous query (in the top-k list: previous item)</source>
        <translation>이전 질의 (상위 k 목록에서는 이전 항목)</translation>
    </message>
    <message>
        <source>L or →</source>
        <translation>L 또는 →</translation>
    </message>
    <message>
        <source>next query (in the top-k list: next item)</source>
        <translation>다음 질의 (상위 k 목록에서는 다음 항목)</translation>
    </message>
    <message>
        <source>↑ ↓</source>
        <translation>↑ ↓</translation>
    </message>
    <message>
        <source>move in the list that has the focus</source>
        <translation>포커스가 있는 목록에서 이동</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>from the query list into its top-k list, and back</source>
        <translation>질의 목록에서 상위 k 목록으로, 그리고 다시 돌아오기</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>back to the query list</source>
        <translation>질의 목록으로 돌아가기</translation>
    </message>
    <message>
        <source>+ or −</source>
        <translation>+ 또는 −</translation>
    </message>
    <message>
        <source>a longer or shorter top-k list (by 5)</source>
        <translation>상위 k 목록을 5개씩 늘리거나 줄이기</translation>
    </message>
    <message>
        <source>? or F1</source>
        <translation>? 또는 F1</translation>
    </message>
    <message>
        <source>this help</source>
        <translation>이 도움말</translation>
    </message>
    <message>
        <source>Retrieval failures</source>
        <translation>검색 실패</translation>
    </message>
    <message>
        <source>every failure of A (#%1)</source>
        <translation>A(#%1)의 모든 실패</translation>
    </message>
    <message>
        <source>no comparison</source>
        <translation>비교 없음</translation>
    </message>
    <message>
        <source>fails in A only (%1)</source>
        <translation>A에서만 실패 (%1)</translation>
    </message>
    <message>
        <source>fails in B only (%1)</source>
        <translation>B에서만 실패 (%1)</translation>
    </message>
    <message>
        <source>fails in both (%1)</source>
        <translation>둘 다 실패 (%1)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>loading #%1…</source>
        <translation>#%1 불러오는 중…</translation>
    </message>
    <message>
        <source>B = #%1</source>
        <translation>B = #%1</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>비교할 수 없음: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalComparisonView</name>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Attack</source>
        <translation>공격</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>R@1 A %</source>
        <translation>R@1 A %</translation>
    </message>
    <message>
        <source>R@1 B %</source>
        <translation>R@1 B %</translation>
    </message>
    <message>
        <source>R@1 B − A</source>
        <translation>R@1 B − A</translation>
    </message>
    <message>
        <source>FR@1 A %</source>
        <translation>FR@1 A %</translation>
    </message>
    <message>
        <source>FR@1 B %</source>
        <translation>FR@1 B %</translation>
    </message>
    <message>
        <source>FR@1 B − A</source>
        <translation>FR@1 B − A</translation>
    </message>
    <message>
        <source>Differences, B − A in points: A = #%1 %2, B = #%3 %4</source>
        <translation>차이 (B − A, 퍼센트포인트): A = #%1 %2, B = #%3 %4</translation>
    </message>
    <message>
        <source>image → text</source>
        <translation>이미지 → 텍스트</translation>
    </message>
    <message>
        <source>text → image</source>
        <translation>텍스트 → 이미지</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalEiStrip</name>
    <message>
        <source>EI of every word of the attacked caption (white: lowest, red: highest; outlined: the swapped word)</source>
        <translation>공격받은 캡션의 단어별 EI (흰색: 가장 낮음, 빨강: 가장 높음, 테두리: 바뀐 단어)</translation>
    </message>
    <message>
        <source>EI: not available</source>
        <translation>EI: 없음</translation>
    </message>
    <message>
        <source>EI: not available — %1</source>
        <translation>EI: 없음 — %1</translation>
    </message>
    <message>
        <source>%1: EI = %2</source>
        <translation>%1: EI = %2</translation>
    </message>
    <message>
        <source> (the swapped word)</source>
        <translation> (바뀐 단어)</translation>
    </message>
    <message>
        <source>encoder %1</source>
        <translation>인코더 %1</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalEvalDialog</name>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>New retrieval evaluation</source>
        <translation>새 검색 평가</translation>
    </message>
    <message>
        <source>#%1 %2 — %3 images, %4 captions%5</source>
        <translation>#%1 %2 — 이미지 %3개, 캡션 %4개%5</translation>
    </message>
    <message>
        <source>, %1 adversarial</source>
        <translation>, 적대적 %1개</translation>
    </message>
    <message>
        <source>%1 (set #%2)</source>
        <translation>%1 (세트 #%2)</translation>
    </message>
    <message>
        <source>model.pt (TorchScript), a built-in encoder file, or hash-demo</source>
        <translation>model.pt (TorchScript), 내장 인코더 파일 또는 hash-demo</translation>
    </message>
    <message>
        <source>optional: preprocessing.json (else inside the model, else CLIP&apos;s)</source>
        <translation>선택: preprocessing.json (없으면 모델 안의 것, 그다음 CLIP 기본값)</translation>
    </message>
    <message>
        <source>Mix (blend with another image)</source>
        <translation>Mix (다른 이미지와 섞기)</translation>
    </message>
    <message>
        <source>Patch (a box from another image)</source>
        <translation>Patch (다른 이미지의 상자 붙이기)</translation>
    </message>
    <message>
        <source>never with itself, aspect kept (default)</source>
        <translation>자기 자신과 짝짓지 않음, 비율 유지 (기본)</translation>
    </message>
    <message>
        <source>paper-compatible (square, batches of 64)</source>
        <translation>논문 호환 (정사각형, 64개 배치)</translation>
    </message>
    <message>
        <source>Reuse cached embeddings of this model</source>
        <translation>이 모델의 캐시된 임베딩 재사용</translation>
    </message>
    <message>
        <source>Caption set:</source>
        <translation>캡션 세트:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Preprocessing:</source>
        <translation>전처리:</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>전처리</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Caption attacks:</source>
        <translation>캡션 공격:</translation>
    </message>
    <message>
        <source>Image attacks:</source>
        <translation>이미지 공격:</translation>
    </message>
    <message>
        <source>Seeds:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>λ:</source>
        <translation>λ:</translation>
    </message>
    <message>
        <source>Pairing:</source>
        <translation>짝짓기:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Import a caption set first (Retrieval → Import caption set…).</source>
        <translation>먼저 캡션 세트를 가져오세요 (검색 → 캡션 세트 가져오기…).</translation>
    </message>
    <message>
        <source>Choose a model file.</source>
        <translation>모델 파일을 고르세요.</translation>
    </message>
    <message>
        <source>Seeds must be whole numbers separated by commas: &quot;%1&quot;.</source>
        <translation>시드는 쉼표로 구분한 정수여야 합니다: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Image attacks need at least one seed.</source>
        <translation>이미지 공격에는 시드가 하나 이상 필요합니다.</translation>
    </message>
    <message>
        <source>Models (*.pt *.pth *.wbe);;All files (*)</source>
        <translation>모델 (*.pt *.pth *.wbe);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>none in the project&apos;s folder (Retrieval → Train built-in encoder…)</source>
        <translation>프로젝트 폴더에 없음 (검색 → 내장 인코더 학습…)</translation>
    </message>
    <message>
        <source>Trained here:</source>
        <translation>여기서 학습한 모델:</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalFailureDetail</name>
    <message>
        <source>%1
(cannot be shown: %2)</source>
        <translation>%1
(표시할 수 없음: %2)</translation>
    </message>
    <message>
        <source>Select a failure to see the query, its ground truth and what beat it.</source>
        <translation>실패를 고르면 질의, 정답, 그리고 정답을 이긴 항목이 보입니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2%3 — %4. Margin %5 (best attack item − best ground truth). Rank of the ground truth: %6 clean, %7 attacked.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, %2%3 — %4. 차이 %5 (최고 공격 항목 − 최고 정답). 정답 순위: 공격 전 %6, 공격 후 %7.</translation>
    </message>
    <message>
        <source>image → text</source>
        <translation>이미지 → 텍스트</translation>
    </message>
    <message>
        <source>text → image</source>
        <translation>텍스트 → 이미지</translation>
    </message>
    <message>
        <source>, seed %1</source>
        <translation>, 시드 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Query image&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;질의 이미지&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>query</source>
        <translation>질의</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ground truth&lt;/b&gt; (best score %1)&lt;br&gt;%2</source>
        <translation>&lt;b&gt;정답&lt;/b&gt; (최고 점수 %1)&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top-1&lt;/b&gt; %1 (score %2)&lt;br&gt;%3</source>
        <translation>&lt;b&gt;1위&lt;/b&gt; %1 (점수 %2)&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>— adversarial</source>
        <translation>— 적대적</translation>
    </message>
    <message>
        <source>— ground truth or another image&apos;s caption</source>
        <translation>— 정답 또는 다른 이미지의 캡션</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best adversarial caption&lt;/b&gt; (score %1)&lt;br&gt;%2&lt;br&gt;&lt;i&gt;Swapped: %3&lt;/i&gt;</source>
        <translation>&lt;b&gt;최고 적대적 캡션&lt;/b&gt; (점수 %1)&lt;br&gt;%2&lt;br&gt;&lt;i&gt;교체: %3&lt;/i&gt;</translation>
    </message>
    <message>
        <source>not a one-word swap</source>
        <translation>한 단어 교체 아님</translation>
    </message>
    <message>
        <source>&lt;b&gt;Query caption&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;질의 캡션&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ground-truth image&lt;/b&gt; (score %1)&lt;br&gt;%2</source>
        <translation>&lt;b&gt;정답 이미지&lt;/b&gt; (점수 %1)&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>ground truth</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>— an altered image</source>
        <translation>— 변형된 이미지</translation>
    </message>
    <message>
        <source>— an original image</source>
        <translation>— 원본 이미지</translation>
    </message>
    <message>
        <source>top-1</source>
        <translation>1위</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best altered image&lt;/b&gt; (score %1)&lt;br&gt;%2&lt;br&gt;λ = %3: base image (left) blended with its partner (right)</source>
        <translation>&lt;b&gt;최고 변형 이미지&lt;/b&gt; (점수 %1)&lt;br&gt;%2&lt;br&gt;λ = %3: 기준 이미지(왼쪽)와 짝 이미지(오른쪽)를 섞음</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>기록 없음</translation>
    </message>
    <message>
        <source>base</source>
        <translation>기준</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>짝</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalFailureModel</name>
    <message>
        <source>image → text</source>
        <translation>이미지 → 텍스트</translation>
    </message>
    <message>
        <source>text → image</source>
        <translation>텍스트 → 이미지</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>차이</translation>
    </message>
    <message>
        <source>Attack</source>
        <translation>공격</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>질의</translation>
    </message>
    <message>
        <source>Winning item</source>
        <translation>이긴 항목</translation>
    </message>
    <message>
        <source>Swapped words</source>
        <translation>바뀐 단어</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalResultsView</name>
    <message>
        <source>image → text</source>
        <translation>이미지 → 텍스트</translation>
    </message>
    <message>
        <source>text → image</source>
        <translation>텍스트 → 이미지</translation>
    </message>
    <message>
        <source>Attack</source>
        <translation>공격</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>R@1 %</source>
        <translation>R@1 %</translation>
    </message>
    <message>
        <source>R@5 %</source>
        <translation>R@5 %</translation>
    </message>
    <message>
        <source>R@10 %</source>
        <translation>R@10 %</translation>
    </message>
    <message>
        <source>FR@1 %</source>
        <translation>FR@1 %</translation>
    </message>
    <message>
        <source>Drop (points)</source>
        <translation>하락 (포인트)</translation>
    </message>
    <message>
        <source>Drop rate %</source>
        <translation>하락률 %</translation>
    </message>
    <message>
        <source>R@1, clean and attacked</source>
        <translation>R@1, 공격 전과 후</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>공격 전</translation>
    </message>
    <message>
        <source>attacked</source>
        <translation>공격 후</translation>
    </message>
    <message>
        <source>R@1 (%)</source>
        <translation>R@1 (%)</translation>
    </message>
    <message>
        <source>%1: clean %2 %, attacked %3 %</source>
        <translation>%1: 공격 전 %2 %, 공격 후 %3 %</translation>
    </message>
    <message>
        <source>Run #%1 on %2 with %3 (%4).</source>
        <translation>평가 #%1: %2, 모델 %3 (%4).</translation>
    </message>
    <message>
        <source>%1 images used, %2 left out.</source>
        <translation>이미지 %1개 사용, %2개 제외.</translation>
    </message>
    <message>
        <source>No seeds.</source>
        <translation>시드 없음.</translation>
    </message>
    <message>
        <source>Seeds: %1.</source>
        <translation>시드: %1.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrievalTopKView</name>
    <message>
        <source>top </source>
        <translation>상위 </translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>유사도</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Top-k: select a failure.</source>
        <translation>상위 k: 실패를 고르세요.</translation>
    </message>
    <message>
        <source>Computing the top %1 from the cached embeddings…</source>
        <translation>캐시된 임베딩으로 상위 %1개를 계산하는 중…</translation>
    </message>
    <message>
        <source>Adversarial: %1&lt;br&gt;Original: %2&lt;br&gt;&lt;i&gt;Swapped: %3&lt;/i&gt;</source>
        <translation>적대적: %1&lt;br&gt;원본: %2&lt;br&gt;&lt;i&gt;바뀐 단어: %3&lt;/i&gt;</translation>
    </message>
    <message>
        <source>nothing (the captions&apos; words are equal)</source>
        <translation>없음 (두 캡션의 단어가 같음)</translation>
    </message>
    <message>
        <source>Top-k not available: %1</source>
        <translation>상위 k를 볼 수 없음: %1</translation>
    </message>
    <message>
        <source>Top %1 of %2 gallery items</source>
        <translation>갤러리 항목 %2개 중 상위 %1개</translation>
    </message>
    <message>
        <source>ground truth</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>altered image</source>
        <translation>변형 이미지</translation>
    </message>
    <message>
        <source>adversarial</source>
        <translation>적대적</translation>
    </message>
    <message>
        <source> (stored score)</source>
        <translation> (저장된 점수)</translation>
    </message>
    <message>
        <source>%1 with %2 (λ = %3)</source>
        <translation>%1 + %2 (λ = %3)</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1
(cannot be shown: %2)</source>
        <translation>%1
(표시할 수 없음: %2)</translation>
    </message>
    <message>
        <source>Altered image: base %1 blended with partner %2, λ = %3%4</source>
        <translation>변형 이미지: 기준 %1에 짝 %2를 섞음, λ = %3%4</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(알 수 없음)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>기록되지 않음</translation>
    </message>
    <message>
        <source> — its score as stored by the evaluation</source>
        <translation> — 평가가 저장한 점수</translation>
    </message>
    <message>
        <source>base</source>
        <translation>기준</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>짝</translation>
    </message>
    <message>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>altered images are not cached: the list holds the original images and the best altered copy (its stored score); it is exact down to that copy, other altered copies may be missing below it</source>
        <translation>변형 이미지는 캐시되지 않습니다: 목록에는 원본 이미지와 가장 높은 변형본(저장된 점수)이 들어 있으며, 그 변형본까지는 정확하지만 그 아래의 다른 변형본은 빠졌을 수 있습니다</translation>
    </message>
    <message>
        <source>%1 gallery items have no cached embedding and are left out</source>
        <translation>갤러리 항목 %1개는 캐시된 임베딩이 없어 제외되었습니다</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ReviewPanel</name>
    <message>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
    <message>
        <source>OSD per class (tick: μ(G_low) cut)</source>
        <translation>클래스별 OSD (눈금: μ(G_low) 컷)</translation>
    </message>
    <message>
        <source>Top-5 predictions</source>
        <translation>상위 5개 예측</translation>
    </message>
    <message>
        <source>no trusted samples of this class</source>
        <translation>이 클래스의 신뢰 샘플이 없습니다</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1&lt;/b&gt; &amp;nbsp; given: &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>&lt;b&gt;#%1&lt;/b&gt; &amp;nbsp; 주어진 라벨: &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source> &amp;nbsp; suggested: &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation> &amp;nbsp; 제안: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source> &amp;nbsp; truth: %1</source>
        <translation> &amp;nbsp; 정답: %1</translation>
    </message>
    <message>
        <source> &amp;nbsp; decision: &lt;i&gt;%1&lt;/i&gt;</source>
        <translation> &amp;nbsp; 결정: &lt;i&gt;%1&lt;/i&gt;</translation>
    </message>
    <message>
        <source> &amp;nbsp; ✓ trusted</source>
        <translation> &amp;nbsp; ✓ 신뢰됨</translation>
    </message>
    <message>
        <source>score %1 · OSM %2 · consensus %3/%4 · posterior %5 · loss %6 · %7</source>
        <translation>점수 %1 · OSM %2 · 합의 %3/%4 · 사후확률 %5 · 손실 %6 · %7</translation>
    </message>
    <message>
        <source>Most similar trusted samples of the given class (%1)</source>
        <translation>주어진 클래스(%1)에서 가장 비슷한 신뢰 샘플</translation>
    </message>
    <message>
        <source>Most similar trusted samples of the suggested class (%1)</source>
        <translation>제안된 클래스(%1)에서 가장 비슷한 신뢰 샘플</translation>
    </message>
    <message>
        <source>No suggested class</source>
        <translation>제안된 클래스 없음</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>검색 중…</translation>
    </message>
    <message>
        <source>image unavailable</source>
        <translation>이미지를 표시할 수 없음</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>no stored features</source>
        <translation>저장된 특징이 없습니다</translation>
    </message>
    <message>
        <source>No sample selected.</source>
        <translation>선택된 샘플이 없습니다.</translation>
    </message>
    <message>
        <source>Double-click for the large view</source>
        <translation>두 번 클릭하면 크게 보기</translation>
    </message>
    <message>
        <source>score %1 · %2</source>
        <translation>점수 %1 · %2</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ReviewQueueModel</name>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>#%1  %2 → %3  score %4</source>
        <translation>#%1  %2 → %3  점수 %4</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ReviewTileDelegate</name>
    <message>
        <source>relabel</source>
        <translation>라벨 변경</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>유지</translation>
    </message>
    <message>
        <source>exclude</source>
        <translation>제외</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>모호함</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ReviewWidget</name>
    <message>
        <source>Any state</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation>미결정</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>결정됨</translation>
    </message>
    <message>
        <source>Flagged only</source>
        <translation>플래그된 것만</translation>
    </message>
    <message>
        <source>Show whole queue</source>
        <translation>전체 대기열 보기</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>클래스:</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>모든 클래스</translation>
    </message>
    <message>
        <source>Decision not saved: %1</source>
        <translation>결정이 저장되지 않았습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n decisions saved</source>
        <translation>
            <numerusform>결정 %n개 저장됨</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>저장됨</translation>
    </message>
    <message>
        <source>Undone: sample #%1</source>
        <translation>실행 취소: 샘플 #%1</translation>
    </message>
    <message>
        <source>Undo failed: %1</source>
        <translation>실행 취소 실패: %1</translation>
    </message>
    <message>
        <source>Redone: sample #%1</source>
        <translation>다시 실행: 샘플 #%1</translation>
    </message>
    <message>
        <source>Redo failed: %1</source>
        <translation>다시 실행 실패: %1</translation>
    </message>
    <message numerus="yes">
        <source>Dashboard selection: %n sample(s)</source>
        <translation>
            <numerusform>대시보드 선택: 샘플 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>relabel → %1</source>
        <translation>라벨 변경 → %1</translation>
    </message>
    <message>
        <source>Reviewed %1 / %2 flagged · %3 in view</source>
        <translation>검토 %1 / 플래그 %2 · 표시 중 %3</translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n decision(s)</source>
        <translation>
            <numerusform>실행 취소: 결정 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Redone: %n decision(s)</source>
        <translation>
            <numerusform>다시 실행: 결정 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accepting the suggestions for %n samples</source>
        <translation>
            <numerusform>샘플 %n개의 제안 수락</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>trust changes of %n samples</source>
        <translation>
            <numerusform>샘플 %n개의 신뢰 변경</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>실행 취소됨: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>다시 실행됨: %1</translation>
    </message>
    <message>
        <source>Queue position not saved yet (the project is busy: %1); trying again.</source>
        <translation>대기열 위치를 아직 저장하지 못했습니다(프로젝트 사용 중: %1). 다시 시도합니다.</translation>
    </message>
    <message>
        <source>Queue position saved.</source>
        <translation>대기열 위치를 저장했습니다.</translation>
    </message>
    <message>
        <source>1 … 9, 0</source>
        <translation>1 … 9, 0</translation>
    </message>
    <message>
        <source>0 … 9</source>
        <translation>0 … 9</translation>
    </message>
    <message>
        <source>/</source>
        <translation>/</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Z</source>
        <translation>Z</translation>
    </message>
    <message>
        <source>Shift+Z</source>
        <translation>Shift+Z</translation>
    </message>
    <message>
        <source>← or J</source>
        <translation>← 또는 J</translation>
    </message>
    <message>
        <source>→ or L</source>
        <translation>→ 또는 L</translation>
    </message>
    <message>
        <source>V or double-click</source>
        <translation>V 또는 두 번 클릭</translation>
    </message>
    <message>
        <source>? or F1</source>
        <translation>? 또는 F1</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>검토 대기열</translation>
    </message>
    <message>
        <source>relabel of #%1 %2 → %3</source>
        <translation>#%1 레이블 변경 %2 → %3</translation>
    </message>
    <message numerus="yes">
        <source>relabel of %n samples → %1</source>
        <translation>
            <numerusform>샘플 %n개 레이블 변경 → %1</numerusform>
        </translation>
    </message>
    <message>
        <source>keep of #%1 %2</source>
        <translation>#%1 %2 유지</translation>
    </message>
    <message numerus="yes">
        <source>keep of %n samples</source>
        <translation>
            <numerusform>샘플 %n개 유지</numerusform>
        </translation>
    </message>
    <message>
        <source>exclusion of #%1</source>
        <translation>#%1 제외</translation>
    </message>
    <message numerus="yes">
        <source>exclusion of %n samples</source>
        <translation>
            <numerusform>샘플 %n개 제외</numerusform>
        </translation>
    </message>
    <message>
        <source>“ambiguous” on #%1</source>
        <translation>#%1 “모호함”</translation>
    </message>
    <message numerus="yes">
        <source>“ambiguous” on %n samples</source>
        <translation>
            <numerusform>샘플 %n개 “모호함”</numerusform>
        </translation>
    </message>
    <message>
        <source>trust of #%1 %2</source>
        <translation>#%1 %2 신뢰</translation>
    </message>
    <message numerus="yes">
        <source>trust of %n samples</source>
        <translation>
            <numerusform>샘플 %n개 신뢰</numerusform>
        </translation>
    </message>
    <message>
        <source>untrust of #%1</source>
        <translation>#%1 신뢰 해제</translation>
    </message>
    <message numerus="yes">
        <source>untrust of %n samples</source>
        <translation>
            <numerusform>샘플 %n개 신뢰 해제</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 is labelled “%2”, but the model predicts “%3” (%4 %).</source>
        <translation>#%1의 레이블은 “%2”이지만 모델은 “%3”(으)로 예측합니다 (%4 %).</translation>
    </message>
    <message>
        <source>#%1 labelled “%2” is flagged by %3.</source>
        <translation>레이블이 “%2”인 #%1을(를) %3이(가) 표시했습니다.</translation>
    </message>
    <message>
        <source>Trust the label “%1” anyway? (K keeps it without trusting; a number key relabels.)</source>
        <translation>그래도 레이블 “%1”을(를) 신뢰하시겠습니까? (K는 신뢰하지 않고 유지하며, 숫자 키는 레이블을 바꿉니다.)</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 외 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The model disputes %n of the selected labels:</source>
        <translation>
            <numerusform>모델이 선택한 레이블 중 %n개에 이의를 제기합니다:</numerusform>
        </translation>
    </message>
    <message>
        <source>Trust all selected labels anyway?</source>
        <translation>그래도 선택한 레이블을 모두 신뢰하시겠습니까?</translation>
    </message>
    <message>
        <source>Trust a disputed label?</source>
        <translation>이의가 있는 레이블을 신뢰할까요?</translation>
    </message>
    <message>
        <source>Not trusted: the model disputes the label. Decide on it first (K keeps it).</source>
        <translation>신뢰하지 않음: 모델이 레이블에 이의를 제기합니다. 먼저 결정하세요 (K는 유지).</translation>
    </message>
    <message>
        <source>History of #%1 unavailable: %2</source>
        <translation>#%1의 기록을 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>No decisions on #%1 yet.</source>
        <translation>#%1에 대한 결정이 아직 없습니다.</translation>
    </message>
    <message>
        <source>undo of decision %1</source>
        <translation>결정 %1 실행 취소</translation>
    </message>
    <message>
        <source>relabel %1 → %2</source>
        <translation>레이블 변경 %1 → %2</translation>
    </message>
    <message>
        <source>keep %1</source>
        <translation>%1 유지</translation>
    </message>
    <message>
        <source>exclude</source>
        <translation>제외</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>모호함</translation>
    </message>
    <message>
        <source>trust %1</source>
        <translation>%1 신뢰</translation>
    </message>
    <message>
        <source>untrust</source>
        <translation>신뢰 해제</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 (decision %4)</source>
        <translation>%1 · %2 · %3 (결정 %4)</translation>
    </message>
    <message>
        <source>History of #%1:</source>
        <translation>#%1의 기록:</translation>
    </message>
    <message numerus="yes">
        <source>(%n earlier)</source>
        <translation>
            <numerusform>(이전 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source> · the file could not be read</source>
        <translation> · 파일을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source> · loading full resolution…</source>
        <translation> · 원본 해상도 불러오는 중…</translation>
    </message>
    <message>
        <source>#%1 · given %2</source>
        <translation>#%1 · 주어진 레이블 %2</translation>
    </message>
    <message>
        <source> · suggested %1</source>
        <translation> · 제안 %1</translation>
    </message>
    <message>
        <source> · %1 × %2 px</source>
        <translation> · %1 × %2 px</translation>
    </message>
    <message>
        <source>Relabel as class 1 … 10 (see the legend)</source>
        <translation>클래스 1 … 10으로 레이블 변경 (범례 참고)</translation>
    </message>
    <message>
        <source>Start the class search with that digit</source>
        <translation>그 숫자로 클래스 검색 시작</translation>
    </message>
    <message>
        <source>Search a class by name, Enter relabels as the first match</source>
        <translation>이름으로 클래스 검색, Enter는 첫 번째 일치 항목으로 레이블 변경</translation>
    </message>
    <message>
        <source>Accept the suggested label (keep when there is none)</source>
        <translation>제안된 레이블 수락 (제안이 없으면 유지)</translation>
    </message>
    <message>
        <source>Keep the given label</source>
        <translation>주어진 레이블 유지</translation>
    </message>
    <message>
        <source>Exclude the sample from training</source>
        <translation>샘플을 학습에서 제외</translation>
    </message>
    <message>
        <source>Mark as ambiguous</source>
        <translation>모호함으로 표시</translation>
    </message>
    <message>
        <source>Trust / untrust the label (asks first when the model disputes it)</source>
        <translation>레이블 신뢰 / 신뢰 해제 (모델이 이의를 제기하면 먼저 묻습니다)</translation>
    </message>
    <message>
        <source>Undo the last action (a batch as one step)</source>
        <translation>마지막 작업 실행 취소 (일괄 작업은 한 단계)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>Previous sample</source>
        <translation>이전 샘플</translation>
    </message>
    <message>
        <source>Next sample</source>
        <translation>다음 샘플</translation>
    </message>
    <message>
        <source>Large view with zoom (Ctrl+wheel, F fit, 1 for 1:1, ← → move)</source>
        <translation>확대 보기 (Ctrl+휠, F 맞춤, 1은 1:1, ← → 이동)</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>이 도움말</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::SampleGridModel</name>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>(unlabelled)</source>
        <translation>(라벨 없음)</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3</source>
        <translation>#%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ScoreDialog</name>
    <message>
        <source>Score a run</source>
        <translation>실행 점수 매기기</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>실행 %1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>추정값</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>실행:</translation>
    </message>
    <message>
        <source>Detector:</source>
        <translation>탐지기:</translation>
    </message>
    <message>
        <source>Consensus γ:</source>
        <translation>합의 γ:</translation>
    </message>
    <message>
        <source>Share to flag:</source>
        <translation>플래그 비율:</translation>
    </message>
    <message>
        <source>No finished run yet: train a model first (Train → Train Model…).</source>
        <translation>끝난 실행이 없습니다. 먼저 모델을 학습하세요 (학습 → 모델 학습…).</translation>
    </message>
    <message>
        <source>Run %1 has no %2 scoring yet: score it with that detector first, or choose another detector.</source>
        <translation>실행 %1에는 아직 %2 채점이 없습니다. 먼저 그 탐지기로 채점하거나 다른 탐지기를 고르세요.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 및 </translation>
    </message>
    <message>
        <source>Run %1 has no complete set of scorings to combine yet: score it with %2 first, or choose another detector.</source>
        <translation>실행 %1에는 아직 결합할 점수 세트가 완전하지 않습니다: 먼저 %2(으)로 점수를 매기거나 다른 탐지기를 선택하세요.</translation>
    </message>
    <message>
        <source>, or with </source>
        <translation>, 또는 </translation>
    </message>
    <message>
        <source>Combines the run&apos;s latest %1 scorings.</source>
        <translation>실행의 최신 %1 점수를 결합합니다.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Your name or initials</source>
        <translation>이름 또는 이니셜</translation>
    </message>
    <message>
        <source>Reviewer name:</source>
        <translation>검토자 이름:</translation>
    </message>
    <message>
        <source>Recorded with every review decision from now on.</source>
        <translation>이제부터 모든 검토 결정에 기록됩니다.</translation>
    </message>
    <message>
        <source>A reviewer name is needed</source>
        <translation>검토자 이름이 필요합니다</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::SimilarStrip</name>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>#%1, similarity %2</source>
        <translation>#%1, 유사도 %2</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TextSearchDialog</name>
    <message>
        <source>Search by Text</source>
        <translation>텍스트로 검색</translation>
    </message>
    <message>
        <source>A dual encoder: a TorchScript CLIP-family model (.pt), a built-in encoder file, or hash-demo (a test baseline, not a model)</source>
        <translation>이중 인코더: TorchScript CLIP 계열 모델(.pt), 내장 인코더 파일 또는 hash-demo(모델이 아닌 테스트 기준선)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>모델(&amp;M):</translation>
    </message>
    <message>
        <source>a photo of a dog on grass</source>
        <translation>잔디 위의 개 사진</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>텍스트(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Samples to show:</source>
        <translation>표시할 샘플 수(&amp;S):</translation>
    </message>
    <message>
        <source>The first search with a model encodes every image of the project; later searches read the encodings back.</source>
        <translation>모델로 처음 검색하면 프로젝트의 모든 이미지를 인코딩하고, 이후 검색은 저장된 인코딩을 다시 읽습니다.</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>검색(&amp;S)</translation>
    </message>
    <message>
        <source>Dual encoder</source>
        <translation>이중 인코더</translation>
    </message>
    <message>
        <source>Models (*.pt *.pth *.ts *.bin);;All files (*)</source>
        <translation>모델 (*.pt *.pth *.ts *.bin);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Give a model and a text.</source>
        <translation>모델과 텍스트를 입력하세요.</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>취소(&amp;C)</translation>
    </message>
    <message>
        <source>Encoding…</source>
        <translation>인코딩 중…</translation>
    </message>
    <message>
        <source>Search by text</source>
        <translation>텍스트로 검색</translation>
    </message>
    <message>
        <source>Search cancelled.</source>
        <translation>검색이 취소되었습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) nearest “%1” of %2 (features %3).</source>
        <translation>
            <numerusform>%2개 중 “%1”에 가장 가까운 샘플 %n개 (특징 %3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) could not be read and were left out.</source>
        <translation>
            <numerusform>샘플 %n개를 읽을 수 없어 제외했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Text search: “%1”</source>
        <translation>텍스트 검색: “%1”</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ThumbnailDelegate</name>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrainAdvancedBox</name>
    <message>
        <source>Advanced</source>
        <translation>고급</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>네스테로프 모멘텀</translation>
    </message>
    <message>
        <source>automatic (half of the epochs)</source>
        <translation>자동 (전체 에포크의 절반)</translation>
    </message>
    <message>
        <source>automatic (80% of the epochs)</source>
        <translation>자동 (전체 에포크의 80%)</translation>
    </message>
    <message>
        <source>native size</source>
        <translation>원래 크기</translation>
    </message>
    <message>
        <source>Every image (or video frame) is resized to this side</source>
        <translation>모든 이미지(또는 비디오 프레임)를 이 변 길이로 크기 조정합니다</translation>
    </message>
    <message>
        <source>Video clips: frames sampled per clip, one per segment</source>
        <translation>비디오 클립: 클립마다 샘플링하는 프레임 수 (구간마다 하나)</translation>
    </message>
    <message>
        <source>Mixed precision on CUDA</source>
        <translation>CUDA에서 혼합 정밀도</translation>
    </message>
    <message>
        <source>LibTorch sees no CUDA device</source>
        <translation>LibTorch가 CUDA 장치를 찾지 못했습니다</translation>
    </message>
    <message>
        <source>Deterministic (slower, reproducible)</source>
        <translation>결정적 실행 (느리지만 재현 가능)</translation>
    </message>
    <message>
        <source>Threads decoding images and video frames ahead of training</source>
        <translation>학습에 앞서 이미지와 비디오 프레임을 디코딩하는 스레드 수</translation>
    </message>
    <message>
        <source>Warm-up epochs:</source>
        <translation>워밍업 에포크:</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>모멘텀:</translation>
    </message>
    <message>
        <source>IB from epoch:</source>
        <translation>IB 시작 에포크:</translation>
    </message>
    <message>
        <source>IB α:</source>
        <translation>IB α:</translation>
    </message>
    <message>
        <source>DRW from epoch:</source>
        <translation>DRW 시작 에포크:</translation>
    </message>
    <message>
        <source>CMO from epoch:</source>
        <translation>CMO 시작 에포크:</translation>
    </message>
    <message>
        <source>CMO stops before the end by:</source>
        <translation>CMO 종료 (끝에서 에포크 수):</translation>
    </message>
    <message>
        <source>Input size:</source>
        <translation>입력 크기:</translation>
    </message>
    <message>
        <source>Frames per clip:</source>
        <translation>클립당 프레임:</translation>
    </message>
    <message>
        <source>Loader threads:</source>
        <translation>로더 스레드:</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrainDialog</name>
    <message>
        <source>Train a model</source>
        <translation>모델 학습</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Small CNN (cnn-small)</source>
        <translation>작은 CNN (cnn-small)</translation>
    </message>
    <message>
        <source>ResNet-32 (CIFAR style)</source>
        <translation>ResNet-32 (CIFAR 방식)</translation>
    </message>
    <message>
        <source>ResNet-18</source>
        <translation>ResNet-18</translation>
    </message>
    <message>
        <source>TorchScript backbone…</source>
        <translation>TorchScript 백본…</translation>
    </message>
    <message>
        <source>TorchScript file (.pt) producing features</source>
        <translation>특징을 출력하는 TorchScript 파일 (.pt)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Extra linear layer of this width (with ReLU) before the classifier</source>
        <translation>분류기 앞에 이 폭의 선형 층(ReLU 포함)을 추가합니다</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>구조:</translation>
    </message>
    <message>
        <source>TorchScript:</source>
        <translation>TorchScript:</translation>
    </message>
    <message>
        <source>Bottleneck:</source>
        <translation>병목 층:</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>최적화</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>에포크:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>배치 크기:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>학습률:</translation>
    </message>
    <message>
        <source>Loss and sampling</source>
        <translation>손실과 샘플링</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>교차 엔트로피</translation>
    </message>
    <message>
        <source>Focal</source>
        <translation>Focal</translation>
    </message>
    <message>
        <source>Influence-balanced (IB)</source>
        <translation>영향 균형 (IB)</translation>
    </message>
    <message>
        <source>IB + focal</source>
        <translation>IB + focal</translation>
    </message>
    <message>
        <source>Instance (uniform over samples)</source>
        <translation>샘플 단위 (샘플마다 균등)</translation>
    </message>
    <message>
        <source>Class-balanced</source>
        <translation>클래스 균형</translation>
    </message>
    <message>
        <source>q(r, k) ∝ n_k^−r</source>
        <translation>q(r, k) ∝ n_k^−r</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Inverse frequency</source>
        <translation>빈도의 역수</translation>
    </message>
    <message>
        <source>Deferred re-weighting (DRW)</source>
        <translation>지연 재가중 (DRW)</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>손실:</translation>
    </message>
    <message>
        <source>Focal γ:</source>
        <translation>Focal γ:</translation>
    </message>
    <message>
        <source>Sampler:</source>
        <translation>샘플러:</translation>
    </message>
    <message>
        <source>Sampler r:</source>
        <translation>샘플러 r:</translation>
    </message>
    <message>
        <source>Class weights:</source>
        <translation>클래스 가중치:</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>데이터 증강</translation>
    </message>
    <message>
        <source>CutMix minority oversampling (CMO)</source>
        <translation>CutMix 소수 클래스 오버샘플링 (CMO)</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>미리 보기…</translation>
    </message>
    <message>
        <source>Random crop and flip</source>
        <translation>무작위 자르기와 뒤집기</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>좌우 뒤집기</translation>
    </message>
    <message>
        <source>CMO probability:</source>
        <translation>CMO 확률:</translation>
    </message>
    <message>
        <source>Crop padding:</source>
        <translation>자르기 여백:</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>실행 환경</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>LibTorch sees no CUDA device</source>
        <translation>LibTorch가 CUDA 장치를 찾지 못했습니다</translation>
    </message>
    <message>
        <source>default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>CPU threads for LibTorch (default: %1)</source>
        <translation>LibTorch의 CPU 스레드 수 (기본값: %1)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>장치:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>스레드:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Choose the TorchScript file of the backbone.</source>
        <translation>백본의 TorchScript 파일을 고르세요.</translation>
    </message>
    <message>
        <source>The TorchScript file %1 does not exist.</source>
        <translation>TorchScript 파일 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>CUDA was chosen but LibTorch sees no CUDA device.</source>
        <translation>CUDA를 골랐지만 LibTorch가 CUDA 장치를 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>CMO mixes only from epoch %1 until %2 epochs before the end: train for more than %3 epochs or turn CMO off.</source>
        <translation>CMO는 에포크 %1부터 끝나기 %2 에포크 전까지만 섞습니다. %3 에포크보다 오래 학습하거나 CMO를 끄세요.</translation>
    </message>
    <message>
        <source>TorchScript backbone</source>
        <translation>TorchScript 백본</translation>
    </message>
    <message>
        <source>TorchScript files (*.pt *.pth);;All files (*)</source>
        <translation>TorchScript 파일 (*.pt *.pth);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>코사인</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>단계적 감소</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>가중치 감쇠:</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>학습률 일정:</translation>
    </message>
    <message>
        <source>backbone.pt</source>
        <translation>backbone.pt</translation>
    </message>
    <message>
        <source>1: train in this program. More: start that many winnow-cli processes through torchrun (data-parallel; see docs/distributed.md)</source>
        <translation>1: 이 프로그램 안에서 학습합니다. 그보다 크면: torchrun으로 그 수만큼 winnow-cli 프로세스를 시작합니다 (데이터 병렬, docs/distributed.md 참고)</translation>
    </message>
    <message>
        <source>Training in several processes needs torchrun (python3-torch), which was not found on PATH</source>
        <translation>여러 프로세스로 학습하려면 torchrun(python3-torch)이 필요하지만 PATH에서 찾지 못했습니다</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>프로세스:</translation>
    </message>
    <message>
        <source>winnow-cli, which runs each of the processes, was not found beside this program or on PATH.</source>
        <translation>각 프로세스를 실행할 winnow-cli를 이 프로그램 옆이나 PATH에서 찾지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrainingCurvesWidget</name>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>trusted</source>
        <translation>신뢰 세트</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrainingJob</name>
    <message numerus="yes">
        <source>Train %1 (%n epoch(s))</source>
        <translation>
            <numerusform>%1 학습 (%n 에포크)</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume training run %1</source>
        <translation>학습 실행 %1 재개</translation>
    </message>
    <message>
        <source>Writing run outputs</source>
        <translation>실행 출력 쓰는 중</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>준비 중</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrainingPanel</name>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Reload the list of runs</source>
        <translation>실행 목록을 다시 읽습니다</translation>
    </message>
    <message>
        <source>epoch </source>
        <translation>에포크 </translation>
    </message>
    <message>
        <source>Epoch shown in the per-class chart</source>
        <translation>클래스별 차트에 보여 줄 에포크</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>실행:</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>열린 프로젝트가 없습니다.</translation>
    </message>
    <message>
        <source>(running)</source>
        <translation>(실행 중)</translation>
    </message>
    <message>
        <source>#%1 %2 · %3 · %4 epochs · %5</source>
        <translation>#%1 %2 · %3 · %4 에포크 · %5</translation>
    </message>
    <message>
        <source>Cannot read the runs: %1</source>
        <translation>실행 목록을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>실행 %1: %2</translation>
    </message>
    <message>
        <source>Run %1: %2 — %3</source>
        <translation>실행 %1: %2 — %3</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Continue this run from its last saved epoch</source>
        <translation>마지막으로 저장된 에포크부터 이 실행을 계속합니다</translation>
    </message>
    <message>
        <source>epoch %1 done</source>
        <translation>에포크 %1 완료</translation>
    </message>
    <message>
        <source>Trained by %1</source>
        <translation>학습 중인 프로세스: %1</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrustedSetManager</name>
    <message>
        <source>Class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>신뢰됨</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Unmark selected</source>
        <translation>선택 항목 신뢰 해제</translation>
    </message>
    <message>
        <source>Mark current queue item trusted</source>
        <translation>현재 대기열 항목을 신뢰로 표시</translation>
    </message>
    <message>
        <source>Trusted samples of the selected class</source>
        <translation>선택한 클래스의 신뢰 샘플</translation>
    </message>
    <message>
        <source>none: OSD falls back to OSM only</source>
        <translation>없음: OSD가 OSM만 사용합니다</translation>
    </message>
    <message>
        <source>below %1: OSD is unreliable</source>
        <translation>%1개 미만: OSD를 신뢰할 수 없습니다</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>정상</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n class(es) have fewer than %1 trusted samples.</source>
        <translation>
            <numerusform>⚠ 신뢰 샘플이 %1개 미만인 클래스가 %n개 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every class has at least %1 trusted samples.</source>
        <translation>모든 클래스에 신뢰 샘플이 %1개 이상 있습니다.</translation>
    </message>
    <message>
        <source>sample #%1</source>
        <translation>샘플 #%1</translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ZoomView</name>
    <message>
        <source>Large view</source>
        <translation>크게 보기</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>맞춤(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;1:1</source>
        <translation>1:1(&amp;1)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>확대 (+)</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>축소 (−)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
</TS>
