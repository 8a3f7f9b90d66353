/* resp-gen.c: a seeded synthetic country for benchmarks
 *
 * Writes a model (SPEC §3.4) shaped like China's hierarchy of regions,
 * Party committees, departments, institutions, enterprises, systems and
 * sectors, with posts changing hands over 2016–2026, and a stream of events
 * (SPEC §4.1, JSON Lines) that exercise every Art. 8 circumstance of the
 * default rulebook against it.
 *
 *   resp-gen --size L --seed 1 --model l.json --events l-events.jsonl
 *
 * Same size and seed, same bytes: the generator uses its own PRNG and never
 * iterates a hash table. The events draw from a second PRNG stream, so
 * changing --n-events leaves the model untouched.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NONE G_MAXUINT32

/* ---- PRNG: xoshiro256**, seeded through splitmix64 ---- */

typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void
rng_seed (Rng *r, guint64 seed)
{
  for (guint i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *r)
{
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n): the multiply-shift bias is below 2^-32, far under
 * anything a benchmark could notice, and it needs no rejection loop. */
static guint32
rng_below (Rng *r, guint32 n)
{
  return (guint32) (((rng_next (r) >> 32) * (guint64) n) >> 32);
}

static int
rng_range (Rng *r, int lo, int hi)
{
  return lo + (int) rng_below (r, (guint32) (hi - lo + 1));
}

static gboolean
rng_chance (Rng *r, double p)
{
  return (double) (rng_next (r) >> 11) * 0x1.0p-53 < p;
}

/* ---- days (at +08:00) ---- */

#define OPEN_START G_MININT
#define OPEN_END G_MAXINT

/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
static int
days_from_civil (int y, int m, int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (int z, int *y, int *m, int *d)
{
  int era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

static const char *
fmt_day (int day, char buf[16])
{
  int y, m, d;

  civil_from_days (day, &y, &m, &d);
  g_snprintf (buf, 16, "%04d-%02d-%02d", y, m, d);
  return buf;
}

static int D2016, D2018, D2019, D2024, D2027;

/* ---- vocabulary ---- */

enum { LV_N, LV_P, LV_F, LV_C, LV_COUNT };
#define M_N (1u << LV_N)
#define M_P (1u << LV_P)
#define M_F (1u << LV_F)
#define M_C (1u << LV_C)
#define M_ALL (M_N | M_P | M_F | M_C)

static const char *const level_names[] = { "national", "provincial", "prefectural", "county" };

typedef struct {
  const char *id;
  const char *name;
} Sector;

/* Around thirty sectors. "life" has no regulator anywhere (the Art. 4
 * regional fallback); the others are regulated at some levels only. */
static const Sector sectors[] = {
  { "egov", "电子政务" },       { "news", "新闻传播" },       { "radio", "广播电视" },
  { "telecom", "电信" },        { "internet", "互联网信息服务" }, { "power", "电力" },
  { "oilgas", "石油天然气" },   { "water", "城镇供水" },       { "gas", "城镇燃气" },
  { "transport", "交通运输" },  { "rail", "铁路" },            { "aviation", "民航" },
  { "hydro", "水利" },          { "bank", "银行" },            { "securities", "证券期货" },
  { "insurance", "保险" },      { "health", "卫生健康" },      { "edu", "教育" },
  { "research", "科研" },       { "social", "社会保障" },      { "medins", "医疗保障" },
  { "safety", "公共安全" },     { "emergency", "应急管理" },   { "env", "生态环境" },
  { "land", "自然资源" },       { "agri", "农业农村" },        { "commerce", "商贸流通" },
  { "culture", "文化旅游" },    { "post", "邮政快递" },        { "tax", "税务" },
  { "stats", "统计" },          { "finance", "财政" },         { "life", "本地生活服务" },
  { "ecommerce", "电子商务" },
};

/* Departments of a region's Party committee and government. */
typedef struct {
  const char *abbr;
  const char *name;
  const char *kind;
  const char *group;        /* its own committee's form; NULL: led by the region committee */
  guint levels;
  int county_pct;           /* how often a county has it */
  const char *regulates[2];
  const char *sector;       /* the sector of its own systems */
  int n_inst;               /* institutions under it, at most */
  const char *inst;         /* their name */
  int inst_k_pct;           /* institutions with a committee of their own */
  int cii_pct;              /* its systems that are CII, at provincial level and up */
  gboolean vertical;        /* under the same department one level up */
} Dept;

enum {
  D_GOV, D_DATA, D_PROP, D_ORG, D_UFW, D_POL, D_SASAC, D_HEALTH, D_HRSS,
  D_FIRST_PLAIN,
};

static const Dept depts[] = {
  [D_GOV] = { "gov", "人民政府办公室", "government", "party_group", M_ALL, 100, { NULL }, "egov", 1, "大数据中心", 0, 0, FALSE },
  [D_DATA] = { "data", "政务服务和数据管理局", "government", "party_group", M_ALL, 60, { "egov" }, "egov", 0, NULL, 0, 0, FALSE },
  [D_PROP] = { "prop", "委宣传部", "party_organ", NULL, M_ALL, 100, { "news" }, NULL, 1, "融媒体中心", 50, 0, FALSE },
  [D_ORG] = { "org", "委组织部", "party_organ", NULL, M_ALL, 100, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
  [D_UFW] = { "ufw", "委统战部", "party_organ", NULL, M_ALL, 100, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
  [D_POL] = { "pol", "委政法委员会", "party_organ", NULL, M_ALL, 100, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
  [D_SASAC] = { "sasac", "国有资产监督管理委员会", "government", "party_committee", M_ALL, 50, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
  [D_HEALTH] = { "health", "卫生健康委员会", "government", "party_group", M_ALL, 100, { "health" }, "health", 3, "人民医院", 80, 25, FALSE },
  [D_HRSS] = { "hrss", "人力资源和社会保障局", "government", "party_group", M_ALL, 100, { "social" }, "social", 1, "社会保险事业管理中心", 0, 50, FALSE },
  { "ndrc", "发展和改革委员会", "government", "party_group", M_ALL, 100, { NULL }, "egov", 1, "信息中心", 0, 0, FALSE },
  { "edu", "教育局", "government", "party_group", M_ALL, 100, { "edu" }, "edu", 3, "中学", 30, 0, FALSE },
  { "sci", "科学技术局", "government", "party_group", M_ALL, 50, { "research" }, "research", 1, "科技信息研究所", 0, 0, FALSE },
  { "miit", "工业和信息化局", "government", "party_group", M_ALL, 70, { NULL }, "egov", 1, "信息中心", 0, 0, FALSE },
  { "police", "公安局", "government", "party_committee", M_ALL, 100, { "safety" }, "safety", 1, "信息通信中心", 0, 30, FALSE },
  { "civil", "民政局", "government", "party_group", M_ALL, 100, { NULL }, "egov", 0, NULL, 0, 0, FALSE },
  { "justice", "司法局", "government", "party_group", M_ALL, 100, { NULL }, "egov", 0, NULL, 0, 0, FALSE },
  { "fin", "财政局", "government", "party_group", M_ALL, 100, { "finance" }, "finance", 1, "财政信息中心", 0, 0, FALSE },
  { "land", "自然资源局", "government", "party_group", M_ALL, 100, { "land" }, "land", 1, "测绘地理信息中心", 0, 0, FALSE },
  { "env", "生态环境局", "government", "party_group", M_ALL, 70, { "env" }, "env", 1, "环境监测站", 0, 0, FALSE },
  { "housing", "住房和城乡建设局", "government", "party_group", M_ALL, 100, { "gas" }, "gas", 0, NULL, 0, 0, FALSE },
  { "transport", "交通运输局", "government", "party_group", M_ALL, 100, { "transport" }, "transport", 1, "交通运输综合执法支队", 0, 40, FALSE },
  { "hydro", "水务局", "government", "party_group", M_ALL, 100, { "water", "hydro" }, "hydro", 1, "水文中心", 0, 0, FALSE },
  { "agri", "农业农村局", "government", "party_group", M_ALL, 100, { "agri" }, "agri", 0, NULL, 0, 0, FALSE },
  { "commerce", "商务局", "government", "party_group", M_ALL, 80, { "commerce" }, "commerce", 0, NULL, 0, 0, FALSE },
  { "ecom", "电子商务监督管理局", "government", "party_group", M_N | M_P, 0, { "ecommerce" }, "ecommerce", 0, NULL, 0, 0, FALSE },
  { "culture", "文化和旅游局", "government", "party_group", M_ALL, 100, { "culture" }, "culture", 1, "图书馆", 0, 0, FALSE },
  { "veterans", "退役军人事务局", "government", "party_group", M_ALL, 60, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
  { "emergency", "应急管理局", "government", "party_group", M_ALL, 100, { "emergency" }, "emergency", 1, "应急指挥中心", 0, 0, FALSE },
  { "audit", "审计局", "government", "party_group", M_ALL, 80, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
  { "market", "市场监督管理局", "government", "party_group", M_ALL, 100, { NULL }, "commerce", 0, NULL, 0, 0, FALSE },
  { "radio", "广播电视局", "government", "party_group", M_N | M_P | M_F, 0, { "radio" }, "radio", 0, NULL, 0, 0, FALSE },
  { "sport", "体育局", "government", "party_group", M_ALL, 40, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
  { "stats", "统计局", "government", "party_group", M_ALL, 80, { "stats" }, "stats", 0, NULL, 0, 0, FALSE },
  { "medins", "医疗保障局", "government", "party_group", M_ALL, 80, { "medins" }, "medins", 0, NULL, 0, 30, FALSE },
  { "nfra", "金融监督管理局", "government", "party_committee", M_N | M_P | M_F, 0, { "insurance" }, NULL, 0, NULL, 0, 0, FALSE },
  { "pbc", "人民银行分行", "government", "party_committee", M_N | M_P | M_F, 0, { "bank" }, "bank", 0, NULL, 0, 40, TRUE },
  { "csrc", "证券监督管理局", "government", "party_committee", M_N | M_P, 0, { "securities" }, NULL, 0, NULL, 0, 0, FALSE },
  { "telecom", "通信管理局", "government", "party_group", M_N | M_P, 0, { "telecom", "internet" }, NULL, 0, NULL, 0, 0, FALSE },
  { "energy", "能源监督管理局", "government", "party_group", M_N | M_P, 0, { "power", "oilgas" }, NULL, 0, NULL, 0, 0, FALSE },
  { "rail", "铁路局", "government", "party_group", M_N, 0, { "rail" }, "rail", 0, NULL, 0, 60, FALSE },
  { "caac", "民用航空局", "government", "party_group", M_N, 0, { "aviation" }, "aviation", 0, NULL, 0, 60, FALSE },
  { "post", "邮政管理局", "government", "party_group", M_N | M_P | M_F, 0, { "post" }, "post", 0, NULL, 0, 0, TRUE },
  { "tax", "税务局", "government", "party_committee", M_ALL, 100, { "tax" }, "tax", 0, NULL, 0, 30, TRUE },
  { "weather", "气象局", "institution", "party_group", M_ALL, 70, { NULL }, NULL, 1, "气象台", 0, 0, TRUE },
  { "grain", "粮食和物资储备局", "government", "party_group", M_ALL, 40, { NULL }, NULL, 0, NULL, 0, 0, FALSE },
};
#define N_DEPTS G_N_ELEMENTS (depts)

static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
  "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
};

static const char *const given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "文", "辉", "力", "林", "波",
  "宁", "红", "国", "新", "志", "海", "玉", "兰", "春", "晓", "东", "亮", "松", "斌", "云",
  "峰", "鹏", "飞", "欣", "婷", "凯", "宇", "浩", "博", "俊", "健", "慧", "梅", "琳", "琴",
};

static const char *const syll1[] = {
  "云", "临", "江", "河", "青", "白", "金", "安", "长", "平", "东", "西", "南", "北", "宁",
  "永", "清", "丰", "新", "武", "嘉", "定", "兴", "泰", "昌", "宜", "德", "和", "龙", "凤",
};

static const char *const syll2[] = {
  "川", "阳", "州", "山", "城", "江", "源", "宁", "平", "安", "水", "原", "林", "口", "陵",
  "溪", "丘", "泉", "海", "门", "桥", "湖", "岭", "谷", "田", "亭", "浦", "峰", "台", "滨",
};

/* The first two digits of the 34 provincial codes. */
static const int province_codes[] = {
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
  43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
};

/* ---- sizes ---- */

typedef struct {
  const char *name;
  guint n_prov, n_pref, n_county;
} Size;

/* L has the real counts; M and S keep all four levels (art8.2 turns on
 * the operator's region level) but fewer regions. */
static const Size sizes[] = {
  { "S", 1, 2, 10 },
  { "M", 2, 18, 150 },
  { "L", 34, 333, 2843 },
};

/* ---- the generator's memory of what it wrote (for the events) ---- */

typedef struct {
  const char *id;
  const char *name;
  guint32 parent;
  guint32 committee;
  guint8 level;
  guint32 dept[N_DEPTS];     /* unit index or NONE */
  guint32 inst0[N_DEPTS];    /* first institution of the department, or NONE */
  guint32 grid, telecom;     /* enterprise chains that cross levels */
  guint32 cac;               /* its 网信办 (unit index), or NONE */
  guint n_units;             /* counter for enterprise ids */
  guint n_systems;           /* counter for system ids */
} Region;

typedef struct {
  const char *id;
  guint32 committee;         /* responsible committee, as generated */
  guint32 region;
  guint32 seclead;           /* a person who was its security lead, or NONE */
  int op_since;              /* since when it operates a system (OPEN_END: never) */
  int coord_since;           /* since when it coordinates a region (OPEN_END: never) */
} Unit;

typedef struct {
  const char *id;
  guint32 off, len;          /* its seats in tenures */
  int since;                 /* since when it leads */
} Committee;

typedef enum { ROLE_MAIN, ROLE_CYBER, ROLE_MEMBER } Role;
static const char *const role_names[] = { "main_leader", "cyber_lead", "member" };

typedef struct {
  guint32 person;
  int since, until;
  guint8 role;
} Tenure;

enum { K_PORTAL, K_NEWS, K_PLATFORM, K_OTHER };
static const char *const kind_names[] = { "party_gov_portal", "key_news_site", "large_platform", "other" };

typedef struct {
  const char *id;
  guint32 op;                /* first operator */
  guint32 staff0;            /* first staff person */
  guint32 seclead;           /* a person who was its own security lead, or NONE */
  guint8 n_staff;
  guint8 kind;
  guint8 cii;
  guint8 level;              /* protection level, 0: not graded */
} System;

typedef struct {
  guint32 person;
  int free_from;
} Cadre;

typedef struct {
  Rng rng;
  const Size *size;
  GArray *pool;              /* Cadre: people of this region between posts */
  FILE *model;
  FILE *rels;
  char *rels_buf;
  size_t rels_len;
  guint64 n_nodes, n_rels;
  guint32 n_persons;
  guint64 seed;
  GStringChunk *strings;
  GArray *regions, *units, *committees, *tenures, *systems;
  guint32 cur_committee;     /* whose seats tenures are being added */
} Gen;

/* ---- writing ---- */

static void
node_sep (Gen *g)
{
  fputs (g->n_nodes++ ? ",\n    " : "\n    ", g->model);
}

/* The dates the model uses, formatted once: relations are most of L's
 * bytes, and fprintf was most of its time. */
#define DAY_CACHE_FROM 16000   /* 2013-10-23 */
#define DAY_CACHE_N 6000       /* to 2030 */
static char day_cache[DAY_CACHE_N][11];

static void
init_day_cache (void)
{
  for (int i = 0; i < DAY_CACHE_N; i++)
    {
      char buf[16];
      memcpy (day_cache[i], fmt_day (DAY_CACHE_FROM + i, buf), 11);
    }
}

static void
put_day (FILE *f, int day)
{
  char buf[16];

  if (day >= DAY_CACHE_FROM && day < DAY_CACHE_FROM + DAY_CACHE_N)
    fwrite_unlocked (day_cache[day - DAY_CACHE_FROM], 1, 10, f);
  else
    fputs_unlocked (fmt_day (day, buf), f);
}

static void
rel (Gen *g, const char *r, const char *from, const char *to, const char *role, int since, int until)
{
  FILE *f = g->rels;

  fputs_unlocked (g->n_rels++ ? ",\n    {\"rel\": \"" : "\n    {\"rel\": \"", f);
  fputs_unlocked (r, f);
  fputs_unlocked ("\", \"from\": \"", f);
  fputs_unlocked (from, f);
  fputs_unlocked ("\", \"to\": \"", f);
  fputs_unlocked (to, f);
  if (role != NULL)
    {
      fputs_unlocked ("\", \"role\": \"", f);
      fputs_unlocked (role, f);
    }
  if (since != OPEN_START)
    {
      fputs_unlocked ("\", \"since\": \"", f);
      put_day (f, since);
    }
  if (until != OPEN_END)
    {
      fputs_unlocked ("\", \"until\": \"", f);
      put_day (f, until);
    }
  fputs_unlocked ("\"}", f);
}

/* "p" and the decimal digits of p */
static const char *
pid (guint32 p, char buf[16])
{
  char *e = buf + 15;

  *e = '\0';
  do
    *--e = (char) ('0' + p % 10);
  while ((p /= 10) != 0);
  *--e = 'p';
  return e;
}

static guint32
new_person (Gen *g)
{
  guint32 p = g->n_persons++;
  Rng *r = &g->rng;

  FILE *f = g->model;
  char buf[16];

  node_sep (g);
  fputs_unlocked ("{\"id\": \"", f);
  fputs_unlocked (pid (p, buf), f);
  fputs_unlocked ("\", \"type\": \"person\", \"name\": \"", f);
  fputs_unlocked (surnames[rng_below (r, G_N_ELEMENTS (surnames))], f);
  fputs_unlocked (given[rng_below (r, G_N_ELEMENTS (given))], f);
  if (rng_chance (r, 0.6))
    fputs_unlocked (given[rng_below (r, G_N_ELEMENTS (given))], f);
  fputs_unlocked ("\"}", f);
  return p;
}

static const char *
intern (Gen *g, const char *s)
{
  return g_string_chunk_insert (g->strings, s);
}

static guint32
add_committee (Gen *g, const char *id, const char *name, const char *form, const char *leads,
               int since)
{
  Committee k = { intern (g, id), g->tenures->len, 0, since };

  node_sep (g);
  fprintf (g->model, "{\"id\": \"%s\", \"type\": \"committee\", \"name\": \"%s\", \"form\": \"%s\"}",
           id, name, form);
  rel (g, "leads", id, leads, NULL, since, OPEN_END);
  g_array_append_val (g->committees, k);
  return g->committees->len - 1;
}

static guint32
add_unit (Gen *g, const char *id, const char *name, const char *kind, guint32 region)
{
  Unit u = { intern (g, id), NONE, region, NONE, OPEN_END, OPEN_END };

  node_sep (g);
  fprintf (g->model, "{\"id\": \"%s\", \"type\": \"unit\", \"name\": \"%s\", \"kind\": \"%s\"}",
           id, name, kind);
  g_array_append_val (g->units, u);
  return g->units->len - 1;
}

#define UNIT(i) (&g_array_index (g->units, Unit, (i)))
#define REGION(i) (&g_array_index (g->regions, Region, (i)))
#define COMMITTEE(i) (&g_array_index (g->committees, Committee, (i)))
#define SYSTEM(i) (&g_array_index (g->systems, System, (i)))

/* ---- posts ---- */

typedef struct {
  guint32 person;
  int since, until;
} Span;

#define MAX_SPANS 8

/* The holders of one post from before 2016 (or from `start`) to beyond
 * 2026: tenures of two to six years, sometimes with a vacancy between two
 * holders, rarely nobody at all after the last one. Persons are left to the
 * caller, who may share them between posts (a Party group secretary who
 * also heads the unit). */
static guint
post_spans (Gen *g, Span *out, int start)
{
  Rng *r = &g->rng;
  guint n = 0;
  int since = start, until;

  until = start == OPEN_START ? D2016 + rng_range (r, 60, 6 * 365) : start + rng_range (r, 2 * 365, 6 * 365);
  for (;;)
    {
      if (until >= D2027)
        until = OPEN_END;
      out[n].person = NONE;
      out[n].since = since;
      out[n].until = until;
      n++;
      if (until == OPEN_END || n == MAX_SPANS)
        break;
      /* a post left empty for good (at least as far as the records go) */
      if (until > D2024 && rng_chance (r, 0.02))
        break;
      since = until + (rng_chance (r, 0.15) ? rng_range (r, 7, 150) : 0);
      until = since + rng_range (r, 2 * 365, 6 * 365);
    }
  return n;
}

/* Cadres move: a post that falls vacant is often filled by someone whose
 * previous post in the same region has ended (a deputy promoted, a head
 * transferred), so people hold several posts one after another. Nobody
 * drawn from the pool holds two of its posts at once. */
static void
fill_persons (Gen *g, Span *s, guint n)
{
  Rng *r = &g->rng;

  for (guint i = 0; i < n; i++)
    {
      guint32 p = NONE;

      if (s[i].since != OPEN_START && g->pool->len > 0 && rng_chance (r, 0.6))
        {
          guint start = rng_below (r, g->pool->len);

          for (guint j = 0; j < MIN (g->pool->len, 8u) && p == NONE; j++)
            {
              guint at = (start + j) % g->pool->len;
              const Cadre *c = &g_array_index (g->pool, Cadre, at);

              if (c->free_from <= s[i].since && (i == 0 || c->person != s[i - 1].person))
                {
                  p = c->person;
                  g_array_remove_index_fast (g->pool, at);
                }
            }
        }
      s[i].person = p != NONE ? p : new_person (g);
      if (s[i].until != OPEN_END)
        {
          Cadre c = { s[i].person, s[i].until };
          g_array_append_val (g->pool, c);
        }
    }
}

static void
seat (Gen *g, guint32 k, const Span *s, guint n, Role role)
{
  const Committee *c = COMMITTEE (k);
  char p[16];

  /* a committee's seats stay contiguous in tenures */
  g_assert (g->cur_committee == k);
  for (guint i = 0; i < n; i++)
    {
      Tenure t = { s[i].person, s[i].since, s[i].until, (guint8) role };
      rel (g, "member", pid (s[i].person, p), c->id, role_names[role], s[i].since, s[i].until);
      g_array_append_val (g->tenures, t);
    }
}

static void
begin_team (Gen *g, guint32 k)
{
  g->cur_committee = k;
  COMMITTEE (k)->off = g->tenures->len;
}

static void
end_team (Gen *g, guint32 k)
{
  COMMITTEE (k)->len = g->tenures->len - COMMITTEE (k)->off;
  g->cur_committee = NONE;
}

static void
spans_rel (Gen *g, const char *r, const Span *s, guint n, const char *to)
{
  char p[16];

  for (guint i = 0; i < n; i++)
    rel (g, r, pid (s[i].person, p), to, NULL, s[i].since, s[i].until);
}

/* A fresh post of `r` (heads, security_lead) on `to`; returns the last
 * holder (for the events' 当事人). */
static guint32
fresh_post (Gen *g, const char *r, const char *to, int start)
{
  Span s[MAX_SPANS];
  guint n = post_spans (g, s, start);

  fill_persons (g, s, n);
  spans_rel (g, r, s, n, to);
  return s[n - 1].person;
}

/* A leadership team: main leader, cyber lead (sometimes the main leader
 * himself), and n_members other seats. Returns the main leader's spans so
 * the caller can make the same people head the unit. */
static guint
team (Gen *g, guint32 k, int n_members, int start, Span *main_out, double cyber_is_main)
{
  Rng *r = &g->rng;
  Span s[MAX_SPANS];
  guint n_main, n;

  begin_team (g, k);
  n_main = post_spans (g, main_out, start);
  fill_persons (g, main_out, n_main);
  seat (g, k, main_out, n_main, ROLE_MAIN);
  if (rng_chance (r, cyber_is_main))
    seat (g, k, main_out, n_main, ROLE_CYBER);
  else if (!rng_chance (r, 0.03))   /* a few teams never name a cyber lead */
    {
      n = post_spans (g, s, start);
      fill_persons (g, s, n);
      seat (g, k, s, n, ROLE_CYBER);
    }
  for (int m = 0; m < n_members; m++)
    {
      n = post_spans (g, s, start);
      fill_persons (g, s, n);
      seat (g, k, s, n, ROLE_MEMBER);
    }
  end_team (g, k);
  return n_main;
}

/* ---- systems ---- */

static guint32
add_system (Gen *g, guint32 region, const char *name, int kind, const char *sector, gboolean cii,
            int level, guint32 op)
{
  Rng *r = &g->rng;
  Region *rg = REGION (region);
  System s = { 0 };
  char id[48], p[16];

  g_snprintf (id, sizeof id, "s%s-%u", rg->id + 1, rg->n_systems++);
  s.id = intern (g, id);
  s.op = op;
  s.kind = (guint8) kind;
  s.cii = (guint8) cii;
  s.level = (guint8) level;
  s.seclead = NONE;
  node_sep (g);
  fprintf (g->model, "{\"id\": \"%s\", \"type\": \"system\", \"name\": \"%s\", \"kind\": \"%s\"",
           id, name, kind_names[kind]);
  if (cii)
    fputs (", \"cii\": true", g->model);
  else if (rng_chance (r, 0.1))
    fputs (", \"cii\": false", g->model);
  if (level > 0)
    fprintf (g->model, ", \"protection_level\": %d", level);
  if (kind == K_PORTAL && rng_chance (r, 0.3))
    fprintf (g->model, ", \"extra\": {\"domain\": \"www.%s.example\"}", rg->id);
  fputc ('}', g->model);

  rel (g, "operates", UNIT (op)->id, id, NULL, OPEN_START, OPEN_END);
  UNIT (op)->op_since = OPEN_START;
  /* without its own sector a system takes the operator's */
  if (sector != NULL && rng_chance (r, 0.92))
    {
      char x[32];
      g_snprintf (x, sizeof x, "x-%s", sector);
      rel (g, "in_sector", id, x, NULL, OPEN_START, OPEN_END);
    }
  if (rng_chance (r, 0.35))
    s.seclead = fresh_post (g, "security_lead", id, OPEN_START);

  /* staff: the people an event may name as 当事人 */
  s.n_staff = (guint8) (rng_chance (r, 0.25) ? 2 : 1);
  for (guint i = 0; i < s.n_staff; i++)
    {
      guint32 q = new_person (g);
      int since = rng_chance (r, 0.5) ? OPEN_START : D2016 + rng_range (r, 0, 3 * 365);
      if (i == 0)
        s.staff0 = q;
      rel (g, "staff", pid (q, p), id, NULL, since, OPEN_END);
      if (rng_chance (r, 0.3))
        rel (g, "staff", pid (q, p), UNIT (op)->id, NULL, since, OPEN_END);
    }
  g_array_append_val (g->systems, s);
  return g->systems->len - 1;
}

static void
second_operator (Gen *g, guint32 sys, guint32 op2)
{
  if (op2 != NONE && op2 != SYSTEM (sys)->op)
    {
      int since = rng_chance (&g->rng, 0.5) ? OPEN_START : D2019 + rng_range (&g->rng, 0, 700);

      rel (g, "operates", UNIT (op2)->id, SYSTEM (sys)->id, NULL, since, OPEN_END);
      UNIT (op2)->op_since = MIN (UNIT (op2)->op_since, since);
    }
}

static int
protection (Gen *g, int lv, gboolean cii)
{
  Rng *r = &g->rng;

  if (cii)
    return rng_chance (r, 0.5) ? 4 : 3;
  if (rng_chance (r, 0.15))
    return 0;   /* not graded */
  return lv <= LV_P ? 3 : rng_chance (r, 0.5) ? 3 : 2;
}

/* A unit's own security lead and perhaps a staff member without a system. */
static void
unit_people (Gen *g, guint32 u, double p_lead)
{
  if (rng_chance (&g->rng, p_lead))
    UNIT (u)->seclead = fresh_post (g, "security_lead", UNIT (u)->id, OPEN_START);
}

static void
business_systems (Gen *g, guint32 region, guint32 u, const char *unit_name, const char *sector,
                  int max, int cii_pct)
{
  Rng *r = &g->rng;
  int lv = REGION (region)->level;
  int n = rng_range (r, lv <= LV_F ? 1 : 0, max);

  for (int i = 0; i < n; i++)
    {
      gboolean cii = lv <= LV_P && (int) rng_below (r, 100) < cii_pct;
      gboolean portal = i == 0 && lv <= LV_F && rng_chance (r, 0.25);
      char name[256];
      guint32 s;

      g_snprintf (name, sizeof name, "%s%s", unit_name, portal ? "门户网站" : i == 0 ? "业务系统" : "数据平台");
      s = add_system (g, region, name, portal ? K_PORTAL : K_OTHER, sector, cii,
                      protection (g, lv, cii), u);
      if (rng_chance (r, 0.03))
        second_operator (g, s, REGION (region)->inst0[D_GOV]);
    }
}

/* ---- regions ---- */

static void
region_name (Gen *g, char *buf, gsize len, int level)
{
  static const char *const suffix[] = { "", "省", "市", "县" };
  Rng *r = &g->rng;

  if (level == LV_N)
    g_strlcpy (buf, "示例国", len);
  else
    {
      /* one draw per statement: the order of evaluation of arguments is
       * unspecified, and the output must not depend on the compiler */
      const char *a = syll1[rng_below (r, G_N_ELEMENTS (syll1))];
      const char *b = syll2[rng_below (r, G_N_ELEMENTS (syll2))];
      const char *c = level == LV_C && rng_chance (r, 0.3) ? "区" : suffix[level];

      g_snprintf (buf, len, "%s%s%s", a, b, c);
    }
}

static guint32
add_region (Gen *g, const char *code, int level, guint32 parent, guint32 alt_parent)
{
  Region rg;
  char id[16], name[64];
  guint32 idx;

  memset (&rg, 0, sizeof rg);
  g_snprintf (id, sizeof id, "r%s", code);
  region_name (g, name, sizeof name, level);
  rg.id = intern (g, id);
  rg.name = intern (g, name);
  rg.parent = parent;
  rg.level = (guint8) level;
  rg.committee = NONE;
  rg.grid = rg.telecom = rg.cac = NONE;
  for (guint d = 0; d < N_DEPTS; d++)
    rg.dept[d] = rg.inst0[d] = NONE;
  node_sep (g);
  fprintf (g->model, "{\"id\": \"%s\", \"type\": \"region\", \"name\": \"%s\", \"level\": \"%s\"}",
           id, name, level_names[level]);
  if (parent != NONE)
    {
      /* a county moved to another prefecture in mid-2020 */
      if (alt_parent != NONE)
        {
          int d = days_from_civil (2020, 7, 1);
          rel (g, "within", id, REGION (parent)->id, NULL, OPEN_START, d);
          rel (g, "within", id, REGION (alt_parent)->id, NULL, d, OPEN_END);
        }
      else
        rel (g, "within", id, REGION (parent)->id, NULL, OPEN_START, OPEN_END);
    }
  g_array_append_val (g->regions, rg);
  idx = g->regions->len - 1;
  return idx;
}

/* Institutions under a department: some with a committee of their own,
 * some without a located_in (they take the department's region). */
static void
institutions (Gen *g, guint32 region, guint d, guint32 dept_unit, const char *dept_name)
{
  Rng *r = &g->rng;
  const Dept *t = &depts[d];
  Region *rg = REGION (region);
  int n = t->n_inst == 0 ? 0 : d == D_GOV || d == D_PROP ? 1 : rng_range (r, 0, t->n_inst);

  for (int i = 0; i < n; i++)
    {
      char id[64], name[256], kid[64], kname[300];
      guint32 u;
      Span main_spans[MAX_SPANS];
      guint n_main;

      g_snprintf (id, sizeof id, "u%s-%s-%d", rg->id + 1, t->abbr, i);
      if (t->n_inst > 1)
        g_snprintf (name, sizeof name, "%s第%d%s", rg->name, i + 1, t->inst);
      else
        g_snprintf (name, sizeof name, "%s%s", dept_name, t->inst);
      u = add_unit (g, id, name, "institution", region);
      if (i == 0)
        rg->inst0[d] = u;
      rel (g, "under", id, UNIT (dept_unit)->id, NULL, OPEN_START, OPEN_END);
      if (rng_chance (r, 0.7))
        rel (g, "located_in", id, rg->id, NULL, OPEN_START, OPEN_END);
      if ((int) rng_below (r, 100) < t->inst_k_pct)
        {
          guint32 k;
          g_snprintf (kid, sizeof kid, "k%s", id + 1);
          g_snprintf (kname, sizeof kname, "中共%s委员会", name);
          k = add_committee (g, kid, kname, "party_committee", id, OPEN_START);
          UNIT (u)->committee = k;
          n_main = team (g, k, rng_range (r, 1, 2), OPEN_START, main_spans, 0.1);
          if (rng_chance (r, 0.5))
            spans_rel (g, "heads", main_spans, n_main, id);
          else
            fresh_post (g, "heads", id, OPEN_START);
          /* big hospitals answer to the region committee, not the health commission */
          if (d == D_HEALTH && rg->level <= LV_F && rng_chance (r, 0.5))
            rel (g, "manages", COMMITTEE (rg->committee)->id, kid, NULL, OPEN_START, OPEN_END);
        }
      else
        {
          UNIT (u)->committee = UNIT (dept_unit)->committee;
          fresh_post (g, "heads", id, OPEN_START);
        }
      unit_people (g, u, 0.5);
      if (t->sector != NULL && rng_chance (r, 0.5))
        {
          char x[32];
          g_snprintf (x, sizeof x, "x-%s", t->sector);
          rel (g, "in_sector", id, x, NULL, OPEN_START, OPEN_END);
        }
      if (d != D_GOV && d != D_PROP)
        business_systems (g, region, u, name, t->sector, 2, t->cii_pct);

      /* now and then a sub-institution two steps down, with no region of its own */
      if (rng_chance (r, 0.05))
        {
          char sid[80], sname[300];
          guint32 su;

          g_snprintf (sid, sizeof sid, "%s-a", id);
          g_snprintf (sname, sizeof sname, "%s分中心", name);
          su = add_unit (g, sid, sname, "institution", region);
          UNIT (su)->committee = UNIT (u)->committee;
          rel (g, "under", sid, id, NULL, OPEN_START, OPEN_END);
          fresh_post (g, "heads", sid, OPEN_START);
          business_systems (g, region, su, sname, t->sector, 1, 0);
        }
    }
}

static void
department (Gen *g, guint32 region, guint d)
{
  Rng *r = &g->rng;
  const Dept *t = &depts[d];
  Region *rg = REGION (region);
  char id[48], name[256], kid[48], kname[300];
  guint32 u;

  g_snprintf (id, sizeof id, "u%s-%s", rg->id + 1, t->abbr);
  g_snprintf (name, sizeof name, "%s%s", rg->name, t->name);
  u = add_unit (g, id, name, t->kind, region);
  rg->dept[d] = u;
  rel (g, "located_in", id, rg->id, NULL, OPEN_START, OPEN_END);
  if (t->vertical && rg->parent != NONE && REGION (rg->parent)->dept[d] != NONE)
    rel (g, "under", id, UNIT (REGION (rg->parent)->dept[d])->id, NULL, OPEN_START, OPEN_END);

  if (t->group != NULL)
    {
      /* some data bureaus were only set up in 2019 */
      int start = d == D_DATA && rng_chance (r, 0.3) ? D2019 + rng_range (r, 0, 200) : OPEN_START;
      Span main_spans[MAX_SPANS];
      guint n_main;
      guint32 k;

      g_snprintf (kid, sizeof kid, "k%s", id + 1);
      g_snprintf (kname, sizeof kname, "中共%s%s", name,
                  g_str_equal (t->group, "party_group") ? "党组" : "委员会");
      k = add_committee (g, kid, kname, t->group, id, start);
      UNIT (u)->committee = k;
      n_main = team (g, k, rng_range (r, 1, 3), start, main_spans, 0.1);
      /* 党组书记兼局长 is the rule, a separate head the exception */
      if (rng_chance (r, 0.85))
        spans_rel (g, "heads", main_spans, n_main, id);
      else
        fresh_post (g, "heads", id, start);
    }
  else
    UNIT (u)->committee = rg->committee;

  unit_people (g, u, 0.4);
  for (guint i = 0; i < G_N_ELEMENTS (t->regulates) && t->regulates[i] != NULL; i++)
    {
      char x[32];
      g_snprintf (x, sizeof x, "x-%s", t->regulates[i]);
      rel (g, "regulates", id, x, NULL, OPEN_START, OPEN_END);
    }
  if (t->sector != NULL && rng_chance (r, 0.5))
    {
      char x[32];
      g_snprintf (x, sizeof x, "x-%s", t->sector);
      rel (g, "in_sector", id, x, NULL, OPEN_START, OPEN_END);
    }
  institutions (g, region, d, u, name);
  if (d != D_GOV && d != D_PROP && d != D_DATA)
    business_systems (g, region, u, name, t->sector, rg->level <= LV_P ? 3 : 2, t->cii_pct);
}

/* The region committee and its team: the propaganda head is usually the
 * cyber lead (宣传部长主管网络安全), the heads of the other party organs
 * hold member seats. */
static void
region_committee (Gen *g, guint32 region, Span *cyber_out, guint *n_cyber_out, Span org_out[3][MAX_SPANS],
                  guint n_org_out[3])
{
  Rng *r = &g->rng;
  Region *rg = REGION (region);
  char kid[16], kname[128];
  Span s[MAX_SPANS];
  guint n;
  int extra = rng_range (r, 2, 5);
  guint32 k;

  g_snprintf (kid, sizeof kid, "k%s", rg->id + 1);
  g_snprintf (kname, sizeof kname, "中共%s委员会", rg->name);
  k = add_committee (g, kid, kname, "party_committee", rg->id, OPEN_START);
  rg->committee = k;
  begin_team (g, k);
  n = post_spans (g, s, OPEN_START);
  fill_persons (g, s, n);
  seat (g, k, s, n, ROLE_MAIN);
  *n_cyber_out = post_spans (g, cyber_out, OPEN_START);
  fill_persons (g, cyber_out, *n_cyber_out);
  seat (g, k, cyber_out, *n_cyber_out, ROLE_CYBER);
  for (guint i = 0; i < 3; i++)
    {
      n_org_out[i] = post_spans (g, org_out[i], OPEN_START);
      fill_persons (g, org_out[i], n_org_out[i]);
      seat (g, k, org_out[i], n_org_out[i], ROLE_MEMBER);
    }
  for (int m = 0; m < extra; m++)
    {
      n = post_spans (g, s, OPEN_START);
      fill_persons (g, s, n);
      seat (g, k, s, n, ROLE_MEMBER);
    }
  end_team (g, k);
}

/* State-owned enterprises under the SASAC, with committees of their own
 * that the region committee often manages directly. */
static void
soes (Gen *g, guint32 region)
{
  static const struct { const char *name, *sector; gboolean cii; } kinds[] = {
    { "水务集团有限公司", "water", TRUE },   { "燃气集团有限公司", "gas", TRUE },
    { "交通投资集团有限公司", "transport", FALSE }, { "农村商业银行股份有限公司", "bank", TRUE },
    { "文化旅游集团有限公司", "culture", FALSE },   { "城市投资发展集团有限公司", NULL, FALSE },
  };
  Rng *r = &g->rng;
  Region *rg = REGION (region);
  int lv = rg->level;
  int n = lv == LV_N ? 6 : lv == LV_P ? 5 : lv == LV_F ? rng_range (r, 2, 4) : rng_range (r, 0, 1);

  if (rg->dept[D_SASAC] == NONE)
    return;
  for (int i = 0; i < n; i++)
    {
      guint which = (guint) i % G_N_ELEMENTS (kinds);
      char id[48], name[256], kid[48], kname[300], sname[300];
      guint32 u;

      g_snprintf (id, sizeof id, "u%s-e%u", rg->id + 1, rg->n_units++);
      g_snprintf (name, sizeof name, "%s%s", rg->name, kinds[which].name);
      u = add_unit (g, id, name, "enterprise", region);
      rel (g, "located_in", id, rg->id, NULL, OPEN_START, OPEN_END);
      rel (g, "under", id, UNIT (rg->dept[D_SASAC])->id, NULL, OPEN_START, OPEN_END);
      if (rng_chance (r, 0.9))
        {
          Span main_spans[MAX_SPANS];
          guint n_main;
          guint32 k;

          g_snprintf (kid, sizeof kid, "k%s", id + 1);
          g_snprintf (kname, sizeof kname, "中共%s委员会", name);
          k = add_committee (g, kid, kname, "party_committee", id, OPEN_START);
          UNIT (u)->committee = k;
          n_main = team (g, k, rng_range (r, 1, 3), OPEN_START, main_spans, 0.05);
          if (rng_chance (r, 0.7))
            spans_rel (g, "heads", main_spans, n_main, id);
          else
            fresh_post (g, "heads", id, OPEN_START);
          if (rng_chance (r, 0.6))
            rel (g, "manages", COMMITTEE (rg->committee)->id, kid, NULL, OPEN_START, OPEN_END);
        }
      else
        {
          UNIT (u)->committee = UNIT (rg->dept[D_SASAC])->committee;
          fresh_post (g, "heads", id, OPEN_START);
        }
      unit_people (g, u, 0.8);
      if (kinds[which].sector != NULL)
        {
          char x[32];
          g_snprintf (x, sizeof x, "x-%s", kinds[which].sector);
          rel (g, "in_sector", id, x, NULL, OPEN_START, OPEN_END);
        }
      g_snprintf (sname, sizeof sname, "%s%s", name, kinds[which].cii ? "生产控制系统" : "业务系统");
      add_system (g, region, sname, K_OTHER, kinds[which].sector, kinds[which].cii,
                  protection (g, lv, kinds[which].cii), u);
      if (rng_chance (r, 0.5))
        {
          g_snprintf (sname, sizeof sname, "%s客户服务平台", name);
          add_system (g, region, sname, K_OTHER, kinds[which].sector, FALSE, protection (g, lv, FALSE), u);
        }
    }
}

/* A company whose branches follow the regions down (the power grid, a
 * telecom carrier): each branch `under` the one a level up, most with a
 * committee of their own. */
static guint32
branch (Gen *g, guint32 region, guint32 upper, const char *what, const char *sector,
        const char *sysname, gboolean cii, double k_pct)
{
  Rng *r = &g->rng;
  Region *rg = REGION (region);
  char id[48], name[256], kid[48], kname[300], sname[300];
  guint32 u;

  g_snprintf (id, sizeof id, "u%s-e%u", rg->id + 1, rg->n_units++);
  g_snprintf (name, sizeof name, "%s%s", rg->name, what);
  u = add_unit (g, id, name, "enterprise", region);
  rel (g, "located_in", id, rg->id, NULL, OPEN_START, OPEN_END);
  if (upper != NONE)
    rel (g, "under", id, UNIT (upper)->id, NULL, OPEN_START, OPEN_END);
  if (rng_chance (r, k_pct))
    {
      Span main_spans[MAX_SPANS];
      guint32 k;

      g_snprintf (kid, sizeof kid, "k%s", id + 1);
      g_snprintf (kname, sizeof kname, "中共%s委员会", name);
      k = add_committee (g, kid, kname, "party_committee", id, OPEN_START);
      UNIT (u)->committee = k;
      team (g, k, rng_range (r, 1, 2), OPEN_START, main_spans, 0.05);
    }
  else
    UNIT (u)->committee = upper != NONE ? UNIT (upper)->committee : rg->committee;
  fresh_post (g, "heads", id, OPEN_START);
  unit_people (g, u, 0.8);
  g_snprintf (sname, sizeof sname, "%s%s", name, sysname);
  add_system (g, region, sname, K_OTHER, sector, cii, protection (g, rg->level, cii), u);
  return u;
}

/* Private platforms: no committee of their own (the 属地 committee leads),
 * sectors that often have no regulator. */
static void
platforms (Gen *g, guint32 region)
{
  static const char *const psectors[] = { "life", "ecommerce", "internet", "news" };
  Rng *r = &g->rng;
  Region *rg = REGION (region);
  int lv = rg->level;
  int n = lv == LV_N ? 6 : lv == LV_P ? 2 : lv == LV_F ? rng_range (r, 0, 2) : rng_chance (r, 0.05);

  for (int i = 0; i < n; i++)
    {
      char id[48], name[256], sname[300];
      const char *sector;
      int kind, level;
      guint32 u, s;

      g_snprintf (id, sizeof id, "u%s-e%u", rg->id + 1, rg->n_units++);
      g_snprintf (name, sizeof name, "%s%s网络科技有限公司", rg->name, syll2[rng_below (r, G_N_ELEMENTS (syll2))]);
      u = add_unit (g, id, name, "enterprise", region);
      UNIT (u)->committee = rg->committee;
      rel (g, "located_in", id, rg->id, NULL, OPEN_START, OPEN_END);
      fresh_post (g, "heads", id, OPEN_START);
      unit_people (g, u, 0.3);
      g_snprintf (sname, sizeof sname, "%s平台", name);
      kind = lv <= LV_F || rng_chance (r, 0.5) ? K_PLATFORM : K_OTHER;
      sector = psectors[rng_below (r, G_N_ELEMENTS (psectors))];
      level = protection (g, lv, FALSE);
      s = add_system (g, region, sname, kind, sector, FALSE, level, u);
      if (SYSTEM (s)->seclead == NONE && rng_chance (r, 0.6))
        SYSTEM (s)->seclead = fresh_post (g, "security_lead", SYSTEM (s)->id, OPEN_START);
    }
}

static void
gen_region (Gen *g, guint32 region)
{
  Rng *r = &g->rng;
  Region *rg = REGION (region);
  int lv = rg->level;
  Span cyber[MAX_SPANS], org[3][MAX_SPANS];
  guint n_cyber, n_org[3];
  char name[256], cid[48], cname[256];
  guint32 cac, s;

  g_array_set_size (g->pool, 0);
  region_committee (g, region, cyber, &n_cyber, org, n_org);

  for (guint d = 0; d < N_DEPTS; d++)
    {
      int pct = lv == LV_C ? depts[d].county_pct : 100;
      /* the office and the party organs are everywhere: the committee's
       * seats and the 网信办 hang on them */
      gboolean always = d == D_GOV || d == D_PROP || d == D_ORG || d == D_UFW || d == D_POL;

      if (!(depts[d].levels & (1u << lv)) || (!always && (int) rng_below (r, 100) >= pct))
        continue;
      department (g, region, d);
    }
  /* the heads of the party organs are the committee's members */
  spans_rel (g, "heads", cyber, n_cyber, UNIT (rg->dept[D_PROP])->id);
  spans_rel (g, "heads", org[0], n_org[0], UNIT (rg->dept[D_ORG])->id);
  spans_rel (g, "heads", org[1], n_org[1], UNIT (rg->dept[D_UFW])->id);
  spans_rel (g, "heads", org[2], n_org[2], UNIT (rg->dept[D_POL])->id);

  /* the 网信办, under the propaganda department; some counties have none,
   * some set one up late */
  if (lv != LV_C || rng_chance (r, 0.92))
    {
      int since = lv == LV_C && rng_chance (r, 0.25) ? D2018 + rng_range (r, 0, 500) : OPEN_START;

      g_snprintf (cid, sizeof cid, "u%s-cac", rg->id + 1);
      g_snprintf (cname, sizeof cname, "中共%s委网络安全和信息化委员会办公室", rg->name);
      cac = add_unit (g, cid, cname, "party_organ", region);
      UNIT (cac)->committee = rg->committee;
      rel (g, "located_in", cid, rg->id, NULL, since, OPEN_END);
      rel (g, "under", cid, UNIT (rg->dept[D_PROP])->id, NULL, since, OPEN_END);
      rel (g, "coordinates", cid, rg->id, NULL, since, OPEN_END);
      UNIT (cac)->coord_since = since;
      rg->cac = cac;
      /* sometimes the cyber lead runs the office himself */
      if (since == OPEN_START && rng_chance (r, 0.05))
        spans_rel (g, "heads", cyber, n_cyber, cid);
      else
        fresh_post (g, "heads", cid, since);
      if (lv != LV_C || rng_chance (r, 0.3))
        {
          g_snprintf (name, sizeof name, "%s网络安全态势感知平台", rg->name);
          add_system (g, region, name, K_OTHER, "egov", FALSE, 3, cac);
        }
    }

  /* the region's portal, run by the government office's big-data centre */
  {
    guint32 op = rg->inst0[D_GOV] != NONE ? rg->inst0[D_GOV] : rg->dept[D_GOV];

    g_snprintf (name, sizeof name, "%s人民政府门户网站", rg->name);
    s = add_system (g, region, name, K_PORTAL, "egov", FALSE, lv == LV_C ? 2 : 3, op);
    if (rg->dept[D_DATA] != NONE && rng_chance (r, 0.2))
      second_operator (g, s, rg->dept[D_DATA]);
  }
  if (rg->dept[D_DATA] != NONE)
    {
      g_snprintf (name, sizeof name, "%s一体化政务服务平台", rg->name);
      s = add_system (g, region, name, K_OTHER, "egov", FALSE, 3, rg->dept[D_DATA]);
      second_operator (g, s, rg->inst0[D_GOV]);
    }
  if (rg->inst0[D_PROP] != NONE)
    {
      g_snprintf (name, sizeof name, "%s新闻网", rg->name);
      add_system (g, region, name, K_NEWS, "news", FALSE, lv == LV_C ? 2 : 3, rg->inst0[D_PROP]);
    }

  soes (g, region);
  {
    Region *up = rg->parent != NONE ? REGION (rg->parent) : NULL;

    rg->grid = branch (g, region, up ? up->grid : NONE,
                       lv == LV_N ? "电网有限公司" : lv == LV_P ? "电力有限公司" : "供电公司", "power",
                       lv == LV_C ? "用电信息采集系统" : "电力调度控制系统", lv != LV_C,
                       lv == LV_C ? 0.4 : 1.0);
    if (lv != LV_C)
      {
        up = rg->parent != NONE ? REGION (rg->parent) : NULL;
        rg->telecom = branch (g, region, up ? up->telecom : NONE,
                              lv == LV_N ? "电信集团有限公司" : "电信分公司", lv == LV_F ? "internet" : "telecom",
                              lv == LV_F ? "互联网数据中心" : "核心网络", lv != LV_F, lv == LV_F ? 0.7 : 1.0);
      }
  }
  platforms (g, region);
}

/* Spreads n children over the parents with random weights, at most cap
 * each; every parent gets at least `min`. */
static void
distribute (Gen *g, guint *counts, guint n_parents, guint n, guint min, guint cap)
{
  double *w = g_new (double, n_parents), total = 0;
  guint given_out = 0;

  for (guint i = 0; i < n_parents; i++)
    {
      w[i] = 0.3 + (double) rng_below (&g->rng, 1000) / 1000.0;
      total += w[i];
      counts[i] = MIN (min, n);
      given_out += counts[i];
    }
  while (given_out < n)
    {
      double x = (double) rng_below (&g->rng, 1000000) / 1000000.0 * total;
      guint i = 0;

      for (; i + 1 < n_parents && x >= w[i]; i++)
        x -= w[i];
      if (counts[i] < cap)
        {
          counts[i]++;
          given_out++;
        }
    }
  g_free (w);
}

static void
gen_model (Gen *g)
{
  const Size *z = g->size;
  guint *pref_per_prov = g_new0 (guint, z->n_prov);
  guint *county_per_pref = g_new0 (guint, z->n_pref);
  guint32 *prov = g_new (guint32, z->n_prov);
  guint32 *pref = g_new (guint32, z->n_pref);
  guint32 nat;
  guint pi = 0;

  fprintf (g->model, "{\n  \"format\": \"libresp/model/1\",\n"
                     "  \"name\": \"示例国网络安全工作责任制（合成数据，规模 %s，种子 %" G_GUINT64_FORMAT "）\",\n"
                     "  \"nodes\": [",
           z->name, g->seed);
  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    {
      node_sep (g);
      fprintf (g->model, "{\"id\": \"x-%s\", \"type\": \"sector\", \"name\": \"%s\"}", sectors[i].id,
               sectors[i].name);
    }

  distribute (g, pref_per_prov, z->n_prov, z->n_pref, 1, 99);
  distribute (g, county_per_pref, z->n_pref, z->n_county, 0, 99);

  nat = add_region (g, "000000", LV_N, NONE, NONE);
  gen_region (g, nat);
  for (guint p = 0; p < z->n_prov; p++)
    {
      char code[8];
      g_snprintf (code, sizeof code, "%02d0000", province_codes[p]);
      prov[p] = add_region (g, code, LV_P, nat, NONE);
      gen_region (g, prov[p]);
    }
  for (guint p = 0; p < z->n_prov; p++)
    for (guint f = 0; f < pref_per_prov[p]; f++, pi++)
      {
        char code[8];
        g_snprintf (code, sizeof code, "%02d%02u00", province_codes[p], f + 1);
        pref[pi] = add_region (g, code, LV_F, prov[p], NONE);
        gen_region (g, pref[pi]);
      }
  pi = 0;
  for (guint p = 0; p < z->n_prov; p++)
    for (guint f = 0; f < pref_per_prov[p]; f++, pi++)
      for (guint c = 0; c < county_per_pref[pi]; c++)
        {
          char code[8];
          guint32 alt = NONE;

          /* a county moved to a neighbouring prefecture of the same province */
          if (pref_per_prov[p] > 1 && rng_chance (&g->rng, 0.02))
            alt = pref[pi - f + (f + 1) % pref_per_prov[p]];
          g_snprintf (code, sizeof code, "%02d%02u%02u", province_codes[p], f + 1, c + 1);
          gen_region (g, add_region (g, code, LV_C, pref[pi], alt));
        }

  g_free (pref_per_prov);
  g_free (county_per_pref);
  g_free (prov);
  g_free (pref);
}

/* ---- events ---- */

enum {
  F_ATTACKED, F_TAMPERED, F_SPREAD, F_REPORTED, F_HANDLED, F_OUTAGE, F_SECRETS, F_RECORDS,
  F_MASS, F_BASIC, F_PUBLIC, F_ECON, F_SOCIAL, F_CONCEALED, F_REFUSED, F_UNRECTIFIED,
  F_SERIOUS, F_OBSTRUCTED, F_OTHER, F_SUPERVISION, F_COORDINATION, F_REMEDIED, F_COOPERATED,
  F_COUNT,
};

static const char *const fact_names[F_COUNT] = {
  "attacked", "tampered", "harmful_info_spread_widely", "reported_in_time", "handled_in_time",
  "outage_hours", "leak_state_secrets", "leak_personal_info_records", "leak_personal_info_mass",
  "leak_basic_data", "public_life_widely_affected", "major_economic_loss", "severe_social_impact",
  "concealed", "refused_investigation", "notified_risk_unrectified", "serious_consequence",
  "obstructed_security_organs", "other_serious", "supervision_failed", "coordination_failed",
  "remedied", "cooperated",
};

typedef enum {
  SC_ART81, SC_ART82, SC_ART83, SC_ART84, SC_ART85, SC_ART86, SC_ART87,
  SC_UNDETERMINED, SC_NOT_TRIGGERED, SC_NEAR_MISS, SC_BESIDE, SC_UNIT,
  SC_COUNT,
} Scenario;

static const char *const scenario_names[SC_COUNT] = {
  "art8.1", "art8.2", "art8.3", "art8.4", "art8.5", "art8.6", "art8.7",
  "undetermined", "not_triggered", "near_miss", "beside (art8.x + a bystander system)",
  "unit subject (event-wide)",
};

static const int scenario_weights[SC_COUNT] = { 8, 8, 10, 8, 9, 5, 5, 15, 17, 7, 4, 4 };

typedef struct {
  GArray *by_kind[4];     /* system indices */
  GArray *high_site;      /* portals and news sites whose operator is prefectural or higher */
  GArray *county_site;    /* the same at county level */
  GArray *cii;
  GArray *dept_units;
} Pools;

static guint32
pick (Rng *r, const GArray *a)
{
  return g_array_index (a, guint32, rng_below (r, a->len));
}

typedef struct {
  const char *v[F_COUNT];
  gboolean needed[F_COUNT];
} Facts;

static void
facts_clear (Facts *f)
{
  static const char *const calm[F_COUNT] = {
    "false", "false", "false", "true", "true", "0", "false", "0", "false", "false", "false",
    "false", "false", "false", "false", "false", "false", "false", "false", NULL, NULL, NULL, NULL,
  };
  memcpy (f->v, calm, sizeof calm);
  memset (f->needed, 0, sizeof f->needed);
}

static void
need (Facts *f, int i, const char *v)
{
  f->v[i] = v;
  f->needed[i] = TRUE;
}

/* Team members of committee k in office at `day`. */
static guint
live_team (Gen *g, guint32 k, int day, guint32 *out, guint max)
{
  const Committee *c = COMMITTEE (k);
  guint n = 0;

  for (guint i = 0; i < c->len && n < max; i++)
    {
      const Tenure *t = &g_array_index (g->tenures, Tenure, c->off + i);
      gboolean dup = FALSE;

      if (!(t->since == OPEN_START || t->since <= day) || !(t->until == OPEN_END || day < t->until))
        continue;
      for (guint j = 0; j < n; j++)
        dup |= out[j] == t->person;
      if (!dup)
        out[n++] = t->person;
    }
  return n;
}

static void
write_ids (FILE *f, const char *key, const guint32 *persons, guint n)
{
  fprintf (f, ", \"%s\": [", key);
  for (guint i = 0; i < n; i++)
    fprintf (f, "%s\"p%u\"", i ? ", " : "", persons[i]);
  fputc (']', f);
}

static void write_timeline (Gen *g, FILE *out, guint e, int day, int secs, guint32 op);

static void
gen_events (Gen *g, FILE *out, guint n_events, guint64 seed, guint counts[SC_COUNT])
{
  static const char *const reasons[] = { "duty_fulfilled", "exploratory", "dissent" };
  static const char *const titles[SC_COUNT] = {
    "网站被篡改，违法有害信息大面积扩散", "门户网站受攻击瘫痪", "数据泄露", "关键信息基础设施受攻击",
    "瞒报或拒不整改", "阻碍公安机关调查", "其他严重危害网络安全行为", "事件情况待查", "网络安全事件（已及时处置）",
    "网站受攻击（未达追责情形）", "系统受攻击，另一系统受波及", "单位违规",
  };
  Rng rr, *r = &rr;
  Pools P;
  int total_w = 0;

  rng_seed (r, seed ^ 0x6576656e74735eedULL);
  for (guint i = 0; i < 4; i++)
    P.by_kind[i] = g_array_new (FALSE, FALSE, sizeof (guint32));
  P.high_site = g_array_new (FALSE, FALSE, sizeof (guint32));
  P.county_site = g_array_new (FALSE, FALSE, sizeof (guint32));
  P.cii = g_array_new (FALSE, FALSE, sizeof (guint32));
  P.dept_units = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 i = 0; i < g->systems->len; i++)
    {
      const System *s = SYSTEM (i);
      int lv = REGION (UNIT (s->op)->region)->level;

      g_array_append_val (P.by_kind[s->kind], i);
      if (s->kind == K_PORTAL || s->kind == K_NEWS)
        g_array_append_val (lv <= LV_F ? P.high_site : P.county_site, i);
      if (s->cii)
        g_array_append_val (P.cii, i);
    }
  for (guint32 i = 0; i < g->regions->len; i++)
    for (guint d = 0; d < N_DEPTS; d++)
      if (REGION (i)->dept[d] != NONE)
        g_array_append_val (P.dept_units, REGION (i)->dept[d]);
  for (guint i = 0; i < SC_COUNT; i++)
    total_w += scenario_weights[i];

  for (guint e = 0; e < n_events; e++)
    {
      Scenario sc = 0;
      int x = (int) rng_below (r, (guint32) total_w);
      int day = D2018 + (int) rng_below (r, (guint32) (D2027 - D2018));
      int secs = (int) rng_below (r, 86400);
      int y, mo, d;
      Facts f;
      guint32 subj = NONE, other = NONE, unit_subj = NONE;
      guint32 involved[3], parts[8], dissent = NONE, team_buf[32];
      guint n_involved = 0, n_parts = 0;
      guint32 k = NONE;
      char outage[32];

      while (x >= scenario_weights[sc])
        x -= scenario_weights[sc++];
      counts[sc]++;
      facts_clear (&f);

      switch (sc)
        {
        case SC_ART81:
          {
            static const int kinds[] = { K_PORTAL, K_NEWS, K_PLATFORM };
            subj = pick (r, P.by_kind[kinds[rng_below (r, 3)]]);
            need (&f, F_TAMPERED, "true");
            need (&f, F_SPREAD, "true");
            need (&f, F_ATTACKED, "true");
            switch (rng_below (r, 4))
              {
              case 0: need (&f, F_REPORTED, "false"); need (&f, F_HANDLED, "true"); break;
              case 1: need (&f, F_REPORTED, "true"); need (&f, F_HANDLED, "false"); break;
              case 2: need (&f, F_REPORTED, "false"); need (&f, F_HANDLED, "false"); break;
              default: need (&f, F_REPORTED, "false"); need (&f, F_HANDLED, NULL); break;
              }
          }
          break;
        case SC_ART82:
          subj = pick (r, P.high_site);
          need (&f, F_ATTACKED, "true");
          need (&f, F_HANDLED, "false");
          g_snprintf (outage, sizeof outage, "%s", rng_chance (r, 0.15) ? "6" : rng_chance (r, 0.5) ? "7.5" : "26");
          need (&f, F_OUTAGE, outage);
          break;
        case SC_ART83:
          subj = pick (r, P.by_kind[rng_below (r, 4)]);
          switch (rng_below (r, 5))
            {
            case 0: need (&f, F_SECRETS, "true"); break;
            case 1: need (&f, F_MASS, "true"); break;
            case 2: need (&f, F_RECORDS, "1000000"); break;
            case 3: need (&f, F_RECORDS, "23500000"); break;
            default: need (&f, F_BASIC, "true"); break;
            }
          break;
        case SC_ART84:
          subj = pick (r, P.cii);
          need (&f, F_ATTACKED, "true");
          need (&f, F_HANDLED, "false");
          need (&f, F_PUBLIC + (int) rng_below (r, 3), "true");
          break;
        case SC_ART85:
          subj = pick (r, P.by_kind[rng_below (r, 4)]);
          switch (rng_below (r, 3))
            {
            case 0: need (&f, F_CONCEALED, "true"); need (&f, F_SERIOUS, rng_chance (r, 0.5) ? "true" : "false"); break;
            case 1: need (&f, F_REFUSED, "true"); break;
            default: need (&f, F_UNRECTIFIED, "true"); need (&f, F_SERIOUS, "true"); break;
            }
          break;
        case SC_ART86:
          subj = pick (r, P.by_kind[rng_below (r, 4)]);
          need (&f, F_OBSTRUCTED, "true");
          break;
        case SC_ART87:
          subj = pick (r, P.by_kind[rng_below (r, 4)]);
          need (&f, F_OTHER, "true");
          break;
        case SC_UNDETERMINED:
          switch (rng_below (r, 4))
            {
            case 0:
              subj = pick (r, P.by_kind[K_PORTAL]);
              f.v[F_TAMPERED] = "true";
              f.v[F_ATTACKED] = "true";
              f.v[F_SPREAD] = NULL;
              f.v[F_REPORTED] = "false";
              break;
            case 1:
              subj = pick (r, P.by_kind[rng_below (r, 4)]);
              f.v[F_RECORDS] = NULL;
              break;
            case 2:
              subj = pick (r, P.cii);
              f.v[F_ATTACKED] = "true";
              f.v[F_HANDLED] = NULL;
              f.v[F_PUBLIC] = "true";
              break;
            default:
              subj = pick (r, P.by_kind[rng_below (r, 4)]);
              f.v[F_CONCEALED] = NULL;
              break;
            }
          break;
        case SC_NOT_TRIGGERED:
          subj = pick (r, P.by_kind[rng_below (r, 4)]);
          if (rng_chance (r, 0.5))
            {
              f.v[F_ATTACKED] = "true";
              f.v[F_OUTAGE] = "2.5";
              f.v[F_RECORDS] = "1200";
            }
          break;
        case SC_NEAR_MISS:
          switch (rng_below (r, 3))
            {
            case 0:   /* a county site: art8.2 needs prefectural or higher */
              subj = pick (r, P.county_site);
              f.v[F_ATTACKED] = "true";
              f.v[F_HANDLED] = "false";
              f.v[F_OUTAGE] = "12";
              break;
            case 1:   /* 5.9 hours is not 6 */
              subj = pick (r, P.high_site);
              f.v[F_ATTACKED] = "true";
              f.v[F_HANDLED] = "false";
              f.v[F_OUTAGE] = "5.9";
              break;
            default:  /* one record short of the threshold */
              subj = pick (r, P.by_kind[rng_below (r, 4)]);
              f.v[F_RECORDS] = "999999";
              break;
            }
          break;
        case SC_BESIDE:
          subj = pick (r, P.cii);
          other = pick (r, P.by_kind[K_OTHER]);
          need (&f, F_ATTACKED, "true");
          need (&f, F_HANDLED, "false");
          need (&f, F_ECON, "true");
          break;
        case SC_UNIT:
          unit_subj = pick (r, P.dept_units);
          need (&f, rng_chance (r, 0.5) ? F_REFUSED : F_OTHER, "true");
          break;
        default:
          g_assert_not_reached ();
        }

      /* in a triggered event, leave some facts that decide nothing unknown */
      if (sc <= SC_ART87 || sc == SC_BESIDE || sc == SC_UNIT)
        for (int i = 0; i < F_SUPERVISION; i++)
          if (!f.needed[i] && rng_chance (r, 0.15))
            f.v[i] = NULL;
      {
        static const char *const tri[] = { "true", "false", NULL };
        f.v[F_SUPERVISION] = tri[rng_below (r, 3)];
        f.v[F_COORDINATION] = tri[rng_below (r, 3)];
        f.v[F_REMEDIED] = tri[rng_below (r, 3)];
        f.v[F_COOPERATED] = tri[rng_below (r, 3)];
      }

      /* 当事人: the system's staff, sometimes its security lead */
      if (subj != NONE)
        {
          const System *s = SYSTEM (subj);
          if (rng_chance (r, 0.75))
            involved[n_involved++] = s->staff0 + rng_below (r, s->n_staff);
          if (rng_chance (r, 0.2))
            {
              guint32 lead = s->seclead != NONE ? s->seclead : UNIT (s->op)->seclead;
              if (lead != NONE && (n_involved == 0 || involved[0] != lead))
                involved[n_involved++] = lead;
            }
          k = UNIT (s->op)->committee;
        }
      else
        {
          k = UNIT (unit_subj)->committee;
          if (UNIT (unit_subj)->seclead != NONE && rng_chance (r, 0.6))
            involved[n_involved++] = UNIT (unit_subj)->seclead;
        }

      /* a recorded decision of the responsible committee (now and then of
       * the region committee above), taken by those then in office */
      if (rng_chance (r, 0.2))
        {
          guint n_team;

          if (rng_chance (r, 0.15))
            k = REGION (UNIT (subj != NONE ? SYSTEM (subj)->op : unit_subj)->region)->committee;
          n_team = k == NONE ? 0 : live_team (g, k, day, team_buf, G_N_ELEMENTS (team_buf));
          for (guint i = 0; i < n_team && n_parts < G_N_ELEMENTS (parts); i++)
            if (i == 0 || rng_chance (r, 0.7))
              parts[n_parts++] = team_buf[i];
          if (n_parts > 0 && rng_chance (r, 0.3))
            dissent = parts[rng_below (r, n_parts)];
        }

      civil_from_days (day, &y, &mo, &d);
      fprintf (out, "{\"format\": \"libresp/event/1\", \"id\": \"E%06u\", \"title\": \"%s\", "
                    "\"occurred_at\": \"%04d-%02d-%02dT%02d:%02d:%02d+08:00\"",
               e + 1, titles[sc], y, mo, d, secs / 3600, secs / 60 % 60, secs % 60);
      if (subj != NONE)
        {
          fprintf (out, ", \"systems\": [\"%s\"", SYSTEM (subj)->id);
          if (other != NONE && other != subj)
            fprintf (out, ", \"%s\"", SYSTEM (other)->id);
          fputs ("], \"units\": []", out);
        }
      else
        fprintf (out, ", \"systems\": [], \"units\": [\"%s\"]", UNIT (unit_subj)->id);
      fputs (", \"facts\": {", out);
      {
        gboolean first = TRUE;
        for (int i = 0; i < F_COUNT; i++)
          if (f.v[i] != NULL)
            {
              fprintf (out, "%s\"%s\": %s", first ? "" : ", ", fact_names[i], f.v[i]);
              first = FALSE;
            }
      }
      fputc ('}', out);
      write_ids (out, "involved", involved, n_involved);
      if (n_parts > 0)
        {
          fprintf (out, ", \"decisions\": [{\"committee\": \"%s\"", COMMITTEE (k)->id);
          write_ids (out, "participants", parts, n_parts);
          if (dissent != NONE)
            write_ids (out, "dissent", &dissent, 1);
          fputs ("}]", out);
        }
      if (rng_chance (r, 0.08))
        {
          guint32 who = n_involved > 0 ? involved[0] : n_parts > 0 ? parts[0] : NONE;
          if (who != NONE)
            fprintf (out, ", \"exemptions\": [{\"person\": \"p%u\", \"reason\": \"%s\", \"note\": \"合成数据\"}]",
                     who, reasons[rng_below (r, 2)]);
        }
      write_timeline (g, out, e, day, secs, subj != NONE ? SYSTEM (subj)->op : unit_subj);
      fputs ("}\n", out);
    }

  for (guint i = 0; i < 4; i++)
    g_array_unref (P.by_kind[i]);
  g_array_unref (P.high_site);
  g_array_unref (P.county_site);
  g_array_unref (P.cii);
  g_array_unref (P.dept_units);
}

/* ---- the timeline of events from 2025-11-01 (SPEC §9.1) ---- */

/* Three of five events from 2025-11-01 carry a timeline: discovered within
 * the hour; of those, half with the operator's report to its provincial
 * 网信办 one to six hours later (the 4 h limit met or not), a fifth with
 * `reports: []`, the rest without; every third states a grade, every
 * fourth is closed. Decided by a hash of the event's number, not the
 * generator's stream, so that every other byte of the stream (and every
 * event before 2025-11-01) is as before. */
static void
write_timeline (Gen *g, FILE *out, guint e, int day, int secs, guint32 op)
{
  static const char *const grades[] = { "large", "major", "general" };
  guint64 x = e + 0x5eedULL, h = splitmix64 (&x);
  gint64 at = (gint64) day * 86400 + secs, disc;
  guint32 rg;
  int y, mo, d, s;

  if (day < days_from_civil (2025, 11, 1) || h % 5 >= 3 || op == NONE)
    return;
#define PUT_INSTANT(key, t)                                                        \
  G_STMT_START {                                                                 \
    civil_from_days ((int) ((t) / 86400), &y, &mo, &d);                          \
    s = (int) ((t) % 86400);                                                     \
    fprintf (out, ", \"" key "\": \"%04d-%02d-%02dT%02d:%02d:%02d+08:00\"",        \
             y, mo, d, s / 3600, s / 60 % 60, s % 60);                           \
  } G_STMT_END
  disc = at + (gint64) ((h >> 8) % 3600);
  PUT_INSTANT ("discovered_at", disc);
  if ((h >> 20) % 3 == 0)
    fprintf (out, ", \"grade\": \"%s\"", grades[(h >> 24) % 3]);
  if ((h >> 28) % 4 == 0)
    PUT_INSTANT ("closed_at", disc + 86400 * 3);
  /* the provincial region's office: up from the operator's region */
  for (rg = UNIT (op)->region; rg != NONE && REGION (rg)->level > LV_P; rg = REGION (rg)->parent)
    ;
  switch ((h >> 32) % 10)
    {
    case 0: case 1: case 2: case 3: case 4:
      if (rg != NONE && REGION (rg)->cac != NONE)
        {
          fprintf (out, ", \"reports\": [{\"by\": \"%s\", \"to\": \"%s\", \"at\": ", UNIT (op)->id,
                   UNIT (REGION (rg)->cac)->id);
          at = disc + 3600 * (gint64) (1 + (h >> 40) % 6);
          civil_from_days ((int) (at / 86400), &y, &mo, &d);
          s = (int) (at % 86400);
          fprintf (out, "\"%04d-%02d-%02dT%02d:%02d:%02d+08:00\"}]", y, mo, d, s / 3600, s / 60 % 60, s % 60);
        }
      break;
    case 5: case 6:
      fputs (", \"reports\": []", out);
      break;
    default:
      break;
    }
#undef PUT_INSTANT
}

/* ---- the record (SPEC §8.2) ---- */

/* A national record of one year for the model just generated: what each
 * bearer of the duties of cn-local-2026-example (and the default rulebook
 * under it) did, with gaps, and the spans over which the record says it is
 * complete. The counts per bearer are heavier than the rules require (a
 * committee minutes on average about 16 special meetings, an operator 13
 * drills): issue 15 sizes the national record at about five million
 * entries, and many entries per slot is the harder case for the duty
 * check, which collects and sorts every slot's entries. */

enum { RK_MEETING, RK_PLAN, RK_DRILL, RK_REPORT, RK_ASSESS, RK_CII, RK_NOTICE, RK_RECT, RK_COUNT };

static const char *const rk_names[RK_COUNT] = {
  "special_meeting", "annual_work_plan", "contingency_drill", "annual_work_report",
  "protection_assessment", "cii_risk_assessment", "notice", "rectification",
};

/* the prefix of an entry's id, before the year's last two digits */
static const char *const rk_prefix[RK_COUNT] = { "sm", "wp", "dr", "ar", "pa", "ra", "n", "r" };

#define MAX_PER_KIND 40

typedef struct {
  Gen    *g;
  Rng     rng;
  FILE   *f;
  FILE   *spans;               /* the `complete` array, in memory until the entries are done */
  char   *spans_buf;
  size_t  spans_len;
  int     year, y0, mid, y1;   /* the year, its first day, 1 July, the next year's first day */
  char    yy[4];               /* the year's last two digits */
  guint64 n_entries, n_spans, n_kind[RK_COUNT];
  guint   n_ref;               /* running number of the documents cited */
  guint   n_outcome[5];        /* notices: rectified, late, twice, none, no year-end answer */
} Rec;

static void
put_uint (FILE *f, guint64 v)
{
  char buf[24], *e = buf + sizeof buf;

  do
    *--e = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  fwrite_unlocked (e, 1, (size_t) (buf + sizeof buf - e), f);
}

/* Opens an entry: {"id": "<prefix><yy>-<node>-<n><suffix>", "kind": …, "node": …, "at": …;
 * the caller adds what the kind has and closes it with rec_close(). */
static void
rec_open (Rec *x, int kind, const char *node, guint n, const char *suffix, int day)
{
  FILE *f = x->f;

  fputs_unlocked (x->n_entries++ ? ",\n    {\"id\": \"" : "\n    {\"id\": \"", f);
  fputs_unlocked (rk_prefix[kind], f);
  fputs_unlocked (x->yy, f);
  fputc_unlocked ('-', f);
  fputs_unlocked (node, f);
  fputc_unlocked ('-', f);
  put_uint (f, n);
  fputs_unlocked (suffix, f);
  fputs_unlocked ("\", \"kind\": \"", f);
  fputs_unlocked (rk_names[kind], f);
  fputs_unlocked ("\", \"node\": \"", f);
  fputs_unlocked (node, f);
  fputs_unlocked ("\", \"at\": \"", f);
  put_day (f, day);
  fputc_unlocked ('"', f);
  x->n_kind[kind]++;
}

static void
rec_ref (Rec *x, const char *what)
{
  FILE *f = x->f;

  fputs_unlocked (", \"ref\": \"", f);
  fputs_unlocked (what, f);
  fputs_unlocked ("〔", f);
  put_uint (f, (guint64) x->year);
  fputs_unlocked ("〕", f);
  put_uint (f, ++x->n_ref);
  fputs_unlocked ("号\"", f);
}

static void
rec_close (Rec *x)
{
  fputc_unlocked ('}', x->f);
}

/* n days in [lo, hi), ascending */
static void
draw_days (Rng *r, int lo, int hi, guint n, int *out)
{
  for (guint i = 0; i < n; i++)
    {
      int d = lo + (int) rng_below (r, (guint32) (hi - lo));
      guint j = i;

      for (; j > 0 && out[j - 1] > d; j--)
        out[j] = out[j - 1];
      out[j] = d;
    }
}

/* How many entries of a kind a bearer has: none or too few now and then,
 * usually what is required, sometimes more. */
static guint
draw_count (Rng *r, guint required, guint lo, guint hi)
{
  guint u = rng_below (r, 100);

  if (u < 4)
    return 0;
  if (u < 10 && required > 1)
    return required - 1;
  return (guint) rng_range (r, (int) lo, (int) hi);
}

/* `n` entries of `kind` for `node` within [lo, hi), numbered from `first`,
 * each perhaps citing a document; returns the next number. */
static guint
rec_entries (Rec *x, int kind, const char *node, guint first, guint n, int lo, int hi, double p_ref,
             const char *what)
{
  int days[MAX_PER_KIND];

  n = MIN (n, (guint) MAX_PER_KIND);
  draw_days (&x->rng, lo, hi, n, days);
  for (guint i = 0; i < n; i++)
    {
      rec_open (x, kind, node, first + i, "", days[i]);
      if (rng_chance (&x->rng, p_ref))
        rec_ref (x, what);
      rec_close (x);
    }
  return first + n;
}

/* The `complete` span of one node: most nodes are complete for every kind
 * over the year (and the January after it, before the record was closed);
 * some from a later month only (they joined the platform late), some for
 * their duty kinds only (so their notices stay unknown) or for all but one
 * of them, some not at all. */
static void
rec_span (Rec *x, const char *node, const char *const *duty_kinds, guint n_kinds)
{
  Rng *r = &x->rng;
  FILE *f = x->spans;
  guint u = rng_below (r, 100), skip = G_MAXUINT;
  int from = x->y0;

  if (u < 6)
    return;
  fputs_unlocked (x->n_spans++ ? ",\n    {\"node\": \"" : "\n    {\"node\": \"", f);
  fputs_unlocked (node, f);
  fputc_unlocked ('"', f);
  if (u < 16)
    {
      gboolean first = TRUE;

      if (u < 11 && n_kinds > 1)
        skip = rng_below (r, n_kinds);
      fputs_unlocked (", \"kinds\": [", f);
      for (guint i = 0; i < n_kinds; i++)
        if (i != skip)
          {
            fputs_unlocked (first ? "\"" : ", \"", f);
            fputs_unlocked (duty_kinds[i], f);
            fputc_unlocked ('"', f);
            first = FALSE;
          }
      fputc_unlocked (']', f);
    }
  else if (u < 21)
    from = days_from_civil (x->year, rng_range (r, 2, 11), 1);
  fputs_unlocked (", \"from\": \"", f);
  put_day (f, from);
  fputs_unlocked ("\", \"until\": \"", f);
  put_day (f, days_from_civil (x->year + 1, 2, 1));
  fputs_unlocked ("\"}", f);
}

/* The 网信办 that sends a node's notices: its region's, or the one above. */
static guint32
notifier (Gen *g, guint32 region)
{
  for (guint32 rg = region; rg != NONE; rg = REGION (rg)->parent)
    if (REGION (rg)->cac != NONE)
      return REGION (rg)->cac;
  return NONE;
}

/* A rectification answering notice n to node. */
static void
rec_rectification (Rec *x, const char *node, guint n, const char *suffix, int day)
{
  FILE *f = x->f;

  rec_open (x, RK_RECT, node, n, suffix, day);
  fputs_unlocked (", \"answers\": \"", f);
  fputs_unlocked (rk_prefix[RK_NOTICE], f);
  fputs_unlocked (x->yy, f);
  fputc_unlocked ('-', f);
  fputs_unlocked (node, f);
  fputc_unlocked ('-', f);
  put_uint (f, n);
  fputc_unlocked ('"', f);
  rec_close (x);
}

/* Notices to a node, and what answered them: on time, late (or so late that
 * the year's record has no answer), answered twice (a partial and a final
 * rectification), or not at all. */
static void
rec_notices (Rec *x, const char *node, guint32 by, guint n)
{
  Gen *g = x->g;
  Rng *r = &x->rng;
  FILE *f = x->f;
  int days[MAX_PER_KIND];

  if (by == NONE)
    return;
  n = MIN (n, (guint) MAX_PER_KIND);
  draw_days (r, x->y0, x->y1 - 1, n, days);
  for (guint i = 0; i < n; i++)
    {
      int at = days[i], due = at + rng_range (r, 15, 60);
      guint u = rng_below (r, 100);

      rec_open (x, RK_NOTICE, node, i + 1, "", at);
      fputs_unlocked (", \"by\": \"", f);
      fputs_unlocked (UNIT (by)->id, f);
      fputs_unlocked ("\", \"due\": \"", f);
      put_day (f, due);
      fputc_unlocked ('"', f);
      rec_ref (x, "网信通");
      rec_close (x);
      if (u < 62)
        {
          int when = at + 1 + (int) rng_below (r, (guint32) (MIN (due, x->y1 - 1) - at));
          gboolean twice = u < 8 && when > at + 1;

          x->n_outcome[twice ? 2 : 0]++;
          if (twice)
            rec_rectification (x, node, i + 1, "a", at + 1 + (int) rng_below (r, (guint32) (when - at - 1)));
          rec_rectification (x, node, i + 1, "", when);
        }
      else if (u < 76)
        {
          int when = due + rng_range (r, 1, 90);

          if (when >= x->y1)
            x->n_outcome[4]++;
          else
            {
              x->n_outcome[1]++;
              rec_rectification (x, node, i + 1, "", when);
            }
        }
      else
        x->n_outcome[3]++;
    }
}

/* A committee's special meetings (some with the members present) and its
 * work plan. */
static void
rec_committee (Rec *x, guint32 k)
{
  static const char *const kinds[] = { "special_meeting", "annual_work_plan" };
  Gen *g = x->g;
  Rng *r = &x->rng;
  const Committee *c = COMMITTEE (k);
  int lo = c->since == OPEN_START ? x->y0 : MAX (x->y0, c->since);
  int days[MAX_PER_KIND];
  guint n, u;

  if (lo >= x->y1)
    return;
  n = draw_count (r, 2, 2, 34);
  n = MIN (n, (guint) MAX_PER_KIND);
  draw_days (r, lo, x->y1, n, days);
  for (guint i = 0; i < n; i++)
    {
      rec_open (x, RK_MEETING, c->id, i + 1, "", days[i]);
      if (rng_chance (r, 0.3))
        rec_ref (x, "会议纪要");
      if (rng_chance (r, 0.15))
        {
          guint32 team[8];
          guint n_team = live_team (g, k, days[i], team, G_N_ELEMENTS (team));
          char p[16];

          if (n_team > 0)
            {
              fputs_unlocked (", \"participants\": [", x->f);
              for (guint j = 0; j < n_team; j++)
                {
                  fputs_unlocked (j ? ", \"" : "\"", x->f);
                  fputs_unlocked (pid (team[j], p), x->f);
                  fputc_unlocked ('"', x->f);
                }
              fputc_unlocked (']', x->f);
            }
        }
      rec_close (x);
    }
  /* the plan early in the year; rarely none, or a revised second one */
  u = rng_below (r, 100);
  rec_entries (x, RK_PLAN, c->id, 1, u < 5 ? 0 : u < 8 ? 2 : 1, lo, MIN (lo + 90, x->y1), 0.6, "工作计划");
  rec_span (x, c->id, kinds, G_N_ELEMENTS (kinds));
}

/* An operator's drills and the notices it received; a coordinator's yearly
 * report, near the end of the year. */
static void
rec_unit (Rec *x, guint32 i)
{
  Gen *g = x->g;
  Rng *r = &x->rng;
  const Unit *un = UNIT (i);
  gboolean op = un->op_since == OPEN_START || un->op_since < x->y1;
  gboolean coord = un->coord_since == OPEN_START || un->coord_since < x->y1;
  const char *kinds[2];
  guint n_kinds = 0;

  if (!op && !coord)
    return;
  if (op)
    {
      int lo = un->op_since == OPEN_START ? x->y0 : MAX (x->y0, un->op_since);

      rec_entries (x, RK_DRILL, un->id, 1, draw_count (r, 1, 1, 28), lo, x->y1, 0.2, "应急演练方案");
      rec_notices (x, un->id, notifier (g, un->region), rng_below (r, 3));
      kinds[n_kinds++] = rk_names[RK_DRILL];
    }
  if (coord)
    {
      guint u = rng_below (r, 100);

      rec_entries (x, RK_REPORT, un->id, 1, u < 8 ? 0 : 1, x->y1 - 60, x->y1, 0.9, "网信委");
      kinds[n_kinds++] = rk_names[RK_REPORT];
    }
  rec_span (x, un->id, kinds, n_kinds);
}

static guint
some_of (Rng *r, guint usual)
{
  guint u = rng_below (r, 100);

  return u < 7 ? 0 : u < 97 ? usual : usual + 1;
}

/* A system's assessments (at level 3 yearly, at level 4 in each half-year,
 * now and then one at a lower level), its CII risk assessment, and the
 * notices it received. */
static void
rec_system (Rec *x, guint32 i)
{
  Gen *g = x->g;
  Rng *r = &x->rng;
  const System *s = SYSTEM (i);
  const char *kinds[2] = { rk_names[RK_ASSESS], rk_names[RK_CII] };
  guint n = 1;

  if (s->level == 4)
    {
      n = rec_entries (x, RK_ASSESS, s->id, n, some_of (r, 1), x->y0, x->mid, 0.5, "测评报告");
      rec_entries (x, RK_ASSESS, s->id, n, some_of (r, 1), x->mid, x->y1, 0.5, "测评报告");
    }
  else if (s->level == 3)
    rec_entries (x, RK_ASSESS, s->id, n, some_of (r, 1), x->y0, x->y1, 0.5, "测评报告");
  else
    rec_entries (x, RK_ASSESS, s->id, n, rng_chance (r, 0.25), x->y0, x->y1, 0.5, "测评报告");
  if (s->cii)
    rec_entries (x, RK_CII, s->id, 1, some_of (r, 1), x->y0, x->y1, 0.8, "风险评估报告");
  rec_notices (x, s->id, notifier (g, UNIT (s->op)->region), rng_below (r, 11));
  rec_span (x, s->id, kinds, s->cii ? 2 : 1);
}

static gboolean
gen_record (Gen *g, FILE *out, int year, guint64 seed, Rec *x, GError **error)
{
  memset (x, 0, sizeof *x);
  x->g = g;
  x->f = out;
  x->year = year;
  x->y0 = days_from_civil (year, 1, 1);
  x->mid = days_from_civil (year, 7, 1);
  x->y1 = days_from_civil (year + 1, 1, 1);
  g_snprintf (x->yy, sizeof x->yy, "%02d", year % 100);
  /* a third stream: neither the model nor the events change */
  rng_seed (&x->rng, seed ^ 0x7265636f72645eedULL);
  x->spans = open_memstream (&x->spans_buf, &x->spans_len);
  if (x->spans == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "open_memstream: %s", g_strerror (errno));
      return FALSE;
    }
  fputs ("{\n  \"format\": \"libresp/record/1\",\n  \"entries\": [", out);
  for (guint32 k = 0; k < g->committees->len; k++)
    rec_committee (x, k);
  for (guint32 u = 0; u < g->units->len; u++)
    rec_unit (x, u);
  for (guint32 s = 0; s < g->systems->len; s++)
    rec_system (x, s);
  fclose (x->spans);
  fputs ("\n  ],\n  \"complete\": [", out);
  fwrite (x->spans_buf, 1, x->spans_len, out);
  fputs ("\n  ]\n}\n", out);
  free (x->spans_buf);
  return TRUE;
}

/* ---- main ---- */

/* Files are written under a temporary name beside the target and renamed
 * over it when complete (fsync first), as libresp writes snapshots: a
 * benchmark or a service reading the old file never sees it cut or half
 * written. A target that exists and is no regular file (/dev/null) is
 * written in place. NULL when path is to be written in place. */
static char *
tmp_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path), *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.resp-gen-%d", base, (int) getpid ());

  if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_build_filename (dir, name, NULL);
}

static FILE *
open_out (const char *path, GError **error)
{
  g_autofree char *tmp = tmp_for (path);
  const char *target = tmp != NULL ? tmp : path;
  FILE *f = fopen (target, "w");

  if (f == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", target, g_strerror (errno));
      return NULL;
    }
  /* a big buffer: L is a few hundred megabytes of small writes */
  setvbuf (f, NULL, _IOFBF, 1 << 22);
  return f;
}

static gboolean
close_out (FILE *f, const char *path, GError **error)
{
  g_autofree char *tmp = tmp_for (path);
  gboolean ok = fflush (f) == 0 && !ferror (f);

  /* the data on the disk before the name points at it */
  if (ok && tmp != NULL)
    ok = fsync (fileno (f)) == 0;
  ok = (fclose (f) == 0) && ok;
  if (ok && tmp != NULL)
    ok = rename (tmp, path) == 0;
  if (!ok)
    {
      if (tmp != NULL)
        g_unlink (tmp);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: write failed", path);
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *size_name = NULL, *model_path = NULL, *events_path = NULL, *record_path = NULL;
  gint64 seed = 1;
  gint n_events = 10000, record_year = 2026;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_name, "S (~10k nodes), M (~100k) or L (>= 1M)", "SIZE" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "PRNG seed (default 1)", "N" },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path, "write the model here", "FILE" },
    { "events", 0, 0, G_OPTION_ARG_FILENAME, &events_path, "write the events (JSON Lines) here", "FILE" },
    { "n-events", 0, 0, G_OPTION_ARG_INT, &n_events, "number of events (default 10000)", "N" },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &record_path, "write a record of one year (libresp/record/1) here", "FILE" },
    { "record-year", 0, 0, G_OPTION_ARG_INT, &record_year, "the record's year (default 2026)", "YYYY" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- synthetic models and events for libresp benchmarks");
  g_autoptr (GError) error = NULL;
  guint counts[SC_COUNT] = { 0 };
  Gen g;
  Rec rec;
  gint64 t0 = g_get_monotonic_time ();
  FILE *model_file = NULL;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("resp-gen: %s\n", error->message);
      return 2;
    }
  memset (&g, 0, sizeof g);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (size_name != NULL && g_ascii_strcasecmp (size_name, sizes[i].name) == 0)
      g.size = &sizes[i];
  memset (&rec, 0, sizeof rec);
  if (g.size == NULL || (model_path == NULL && events_path == NULL && record_path == NULL) || n_events < 0
      || record_year < 2000 || record_year > 2099)
    {
      g_printerr ("usage: resp-gen --size S|M|L [--seed N] [--model FILE] [--events FILE] [--n-events N]\n"
                  "                [--record FILE] [--record-year YYYY]\n");
      return 2;
    }

  D2016 = days_from_civil (2016, 1, 1);
  D2018 = days_from_civil (2018, 1, 1);
  D2019 = days_from_civil (2019, 1, 1);
  D2024 = days_from_civil (2024, 1, 1);
  D2027 = days_from_civil (2027, 1, 1);
  init_day_cache ();

  g.seed = (guint64) seed;
  rng_seed (&g.rng, g.seed);
  g.strings = g_string_chunk_new (1 << 20);
  g.regions = g_array_new (FALSE, FALSE, sizeof (Region));
  g.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  g.committees = g_array_new (FALSE, FALSE, sizeof (Committee));
  g.tenures = g_array_new (FALSE, FALSE, sizeof (Tenure));
  g.systems = g_array_new (FALSE, FALSE, sizeof (System));
  g.cur_committee = NONE;
  g.pool = g_array_new (FALSE, FALSE, sizeof (Cadre));

  /* Without --model the model is still generated (the events refer to
   * it), into /dev/null. */
  model_file = open_out (model_path != NULL ? model_path : "/dev/null", &error);
  if (model_file == NULL)
    goto fail;
  g.model = model_file;
  /* relations go to memory until the nodes are done: the file wants them
   * in one array after the nodes */
  g.rels = open_memstream (&g.rels_buf, &g.rels_len);
  if (g.rels == NULL)
    {
      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno), "open_memstream: %s", g_strerror (errno));
      goto fail;
    }

  gen_model (&g);
  fclose (g.rels);
  fputs ("\n  ],\n  \"relations\": [", g.model);
  fwrite (g.rels_buf, 1, g.rels_len, g.model);
  fputs ("\n  ]\n}\n", g.model);
  free (g.rels_buf);
  if (!close_out (model_file, model_path != NULL ? model_path : "/dev/null", &error))
    goto fail;

  if (events_path != NULL)
    {
      FILE *ev = open_out (events_path, &error);
      if (ev == NULL)
        goto fail;
      gen_events (&g, ev, (guint) n_events, (guint64) seed, counts);
      if (!close_out (ev, events_path, &error))
        goto fail;
    }

  if (record_path != NULL)
    {
      FILE *rf = open_out (record_path, &error);

      if (rf == NULL || !gen_record (&g, rf, record_year, (guint64) seed, &rec, &error)
          || !close_out (rf, record_path, &error))
        goto fail;
    }
  g_printerr ("resp-gen: size %s seed %" G_GINT64_FORMAT ": %" G_GUINT64_FORMAT " nodes (%u regions, "
              "%u committees, %u units, %u persons, %u systems, %u sectors), %" G_GUINT64_FORMAT
              " relations; %d events; %.2f s\n",
              g.size->name, seed, g.n_nodes, g.regions->len, g.committees->len, g.units->len,
              g.n_persons, g.systems->len, (guint) G_N_ELEMENTS (sectors), g.n_rels,
              events_path != NULL ? n_events : 0, (double) (g_get_monotonic_time () - t0) / 1e6);
  if (events_path != NULL)
    for (guint i = 0; i < SC_COUNT; i++)
      g_printerr ("  %-40s %u\n", scenario_names[i], counts[i]);
  if (record_path != NULL)
    {
      g_printerr ("resp-gen: record %d: %" G_GUINT64_FORMAT " entries, %" G_GUINT64_FORMAT " complete spans\n",
                  record_year, rec.n_entries, rec.n_spans);
      for (guint i = 0; i < RK_COUNT; i++)
        g_printerr ("  %-40s %" G_GUINT64_FORMAT "\n", rk_names[i], rec.n_kind[i]);
      g_printerr ("  notices rectified on time %u (%u of them twice), late %u, not in the year %u, never %u\n",
                  rec.n_outcome[0] + rec.n_outcome[2], rec.n_outcome[2], rec.n_outcome[1], rec.n_outcome[4],
                  rec.n_outcome[3]);
    }

  g_string_chunk_free (g.strings);
  g_array_unref (g.regions);
  g_array_unref (g.units);
  g_array_unref (g.committees);
  g_array_unref (g.tenures);
  g_array_unref (g.systems);
  g_array_unref (g.pool);
  return 0;

fail:
  g_printerr ("resp-gen: %s\n", error->message);
  return 1;
}
