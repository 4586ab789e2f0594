"""CSV input: clear errors that name the file and the line."""

import pytest

from sortition import CSVError, build_problem, load_problem, read_pool, read_quotas

POOL = "id,gender,age\nv1,woman,young\nv2,man,old\nv3,woman,old\n"
QUOTAS = "feature,value,min,max\ngender,woman,1,2\ngender,man,0,1\nage,young,0,1\nage,old,1,2\n"


def test_reads_a_valid_pair():
    problem = build_problem(POOL, QUOTAS, 2)
    assert problem.ids == ("v1", "v2", "v3")
    assert problem.pool[1].features == {"gender": "man", "age": "old"}
    assert len(problem.quotas) == 4 and problem.seats == 2


def test_byte_order_mark_blank_lines_and_padding_are_accepted():
    problem = build_problem("\ufeff" + POOL.replace("v2,man", " v2 , man") + "\n\n", QUOTAS, 2)
    assert problem.ids == ("v1", "v2", "v3")


def test_load_problem_from_files(tmp_path):
    (tmp_path / "pool.csv").write_text(POOL, encoding="utf-8")
    (tmp_path / "quotas.csv").write_text(QUOTAS, encoding="utf-8")
    assert load_problem(tmp_path / "pool.csv", tmp_path / "quotas.csv", 2).ids[0] == "v1"
    (tmp_path / "latin1.csv").write_bytes("id,g\nv1,é\n".encode("latin-1"))
    with pytest.raises(CSVError, match="latin1.csv: not UTF-8"):
        load_problem(tmp_path / "latin1.csv", tmp_path / "quotas.csv", 2)
    with pytest.raises(CSVError, match="missing.csv"):
        load_problem(tmp_path / "missing.csv", tmp_path / "quotas.csv", 2)


@pytest.mark.parametrize(
    ("pool", "message"),
    [
        ("", "pool: empty file"),
        ("name,gender\nv1,woman\n", "pool, line 1: the header must start with 'id'"),
        ("id\nv1\n", "pool, line 1: the header has no feature column"),
        ("id,g,g\nv1,a,b\n", "pool, line 1: feature names must be non-empty and distinct"),
        ("id,gender,age\nv1,woman\n", "pool, line 2: expected 3 cells, found 2"),
        ("id,gender,age\nv1,woman,old\n\nv1,man,old\n", "pool, line 4: duplicate id 'v1'"),
        ("id,gender,age\n,woman,old\n", "pool, line 2: empty id"),
        ("id,gender,age\nv1,,old\n", "pool, line 2: empty value for 'gender'"),
        ('id,gender,age\n"v,1",woman,old\n', "pool, line 2: id 'v,1' contains a comma"),
        ('id,gender,age\n"v1,woman,old\n', "pool, line 2: unreadable CSV"),
        ("id,gender\n", "pool: no volunteer"),
    ],
)
def test_pool_errors(pool, message):
    with pytest.raises(CSVError) as info:
        read_pool(pool)
    assert str(info.value).startswith(message)


def test_duplicate_id_names_the_first_line_too():
    with pytest.raises(CSVError, match="line 4: duplicate id 'v1' \\(first on line 2\\)"):
        read_pool("id,g\nv1,a\nv2,a\nv1,b\n")


@pytest.mark.parametrize(
    ("quotas", "message"),
    [
        ("feature,value,min\ng,a,1\n", "quotas, line 1: the header must be feature,value,min,max"),
        ("feature,value,min,max\ng,a,1\n", "quotas, line 2: expected 4 cells, found 3"),
        ("feature,value,min,max\ng,a,one,2\n", "quotas, line 2: min must be an integer"),
        ("feature,value,min,max\ng,a,1,-2\n", "quotas, line 2: max must be >= 0"),
        ("feature,value,min,max\ng,a,1,1\ng,b,3,2\n", "quotas, line 3: min 3 > max 2 for g=b"),
        ("feature,value,min,max\ng,a,1,1\ng,a,0,2\n", "quotas, line 3: duplicate quota g=a"),
        ("feature,value,min,max\n,a,1,1\n", "quotas, line 2: feature and value must not be"),
        ("feature,value,min,max\n", "quotas: no quota row"),
    ],
)
def test_quota_errors(quotas, message):
    with pytest.raises(CSVError) as info:
        read_quotas(quotas)
    assert str(info.value).startswith(message)


def test_unknown_feature_in_quotas():
    with pytest.raises(CSVError, match="quotas, line 6: unknown feature 'region'"):
        build_problem(POOL, QUOTAS + "region,north,0,1\n", 2)


def test_pool_value_without_quota_row():
    pool = POOL + "v4,woman,middle\n"
    with pytest.raises(CSVError, match="pool, line 5: age='middle' has no quota row"):
        build_problem(pool, QUOTAS, 2)


def test_pool_feature_without_quota_rows():
    with pytest.raises(CSVError, match="no quota row for feature\\(s\\) age"):
        build_problem(POOL, "feature,value,min,max\ngender,woman,1,2\ngender,man,0,1\n", 2)


def test_seats_must_be_positive():
    with pytest.raises(CSVError, match="seats"):
        build_problem(POOL, QUOTAS, 0)
