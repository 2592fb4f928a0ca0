<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
</TS>
