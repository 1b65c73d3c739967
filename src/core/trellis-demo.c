/* trellis-demo.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-demo"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "trellis-cycle.h"
#include "trellis-date.h"
#include "trellis-demo.h"
#include "trellis-demo-goals.h"
#include "trellis-org-repository.h"

/* The organisation of seed 004: a medical-device distributor in East China
 * with 17 regions of sales and service staff and a head office. Everything
 * comes from one seeded generator, so a seed always gives the same company. */

#define COMPANY_NAME   "康桥医疗器械集团"
#define EMAIL_DOMAIN   "kangqiao-med.cn"
#define MIN_EMPLOYEES  30
#define MAX_EMPLOYEES  1000000
/* The share of the progress bar the organisation takes; the goals, then
 * the check-ins, take the rest. */
#define EMPLOYEES_SHARE 0.1

typedef struct { const char *hanzi; const char *pinyin; int weight; } Syllable;

/* Common surnames, roughly in order of frequency. */
static const Syllable surnames[] = {
  { "王", "Wang", 72 }, { "李", "Li", 71 }, { "张", "Zhang", 67 }, { "刘", "Liu", 54 },
  { "陈", "Chen", 45 }, { "杨", "Yang", 33 }, { "黄", "Huang", 24 }, { "赵", "Zhao", 21 },
  { "吴", "Wu", 20 }, { "周", "Zhou", 20 }, { "徐", "Xu", 15 }, { "孙", "Sun", 14 },
  { "马", "Ma", 13 }, { "朱", "Zhu", 13 }, { "胡", "Hu", 12 }, { "郭", "Guo", 11 },
  { "何", "He", 11 }, { "高", "Gao", 10 }, { "林", "Lin", 10 }, { "罗", "Luo", 10 },
  { "郑", "Zheng", 9 }, { "梁", "Liang", 9 }, { "谢", "Xie", 8 }, { "宋", "Song", 7 },
  { "唐", "Tang", 7 }, { "许", "Xu", 7 }, { "韩", "Han", 6 }, { "冯", "Feng", 6 },
  { "邓", "Deng", 6 }, { "曹", "Cao", 6 }, { "彭", "Peng", 5 }, { "曾", "Zeng", 5 },
  { "肖", "Xiao", 5 }, { "田", "Tian", 5 }, { "董", "Dong", 5 }, { "袁", "Yuan", 4 },
  { "潘", "Pan", 4 }, { "于", "Yu", 4 }, { "蒋", "Jiang", 4 }, { "蔡", "Cai", 4 },
  { "余", "Yu", 4 }, { "杜", "Du", 4 }, { "叶", "Ye", 4 }, { "程", "Cheng", 4 },
  { "苏", "Su", 3 }, { "魏", "Wei", 3 }, { "吕", "Lyu", 3 }, { "丁", "Ding", 3 },
  { "任", "Ren", 3 }, { "沈", "Shen", 3 }, { "姚", "Yao", 3 }, { "卢", "Lu", 3 },
  { "姜", "Jiang", 3 }, { "崔", "Cui", 3 }, { "钟", "Zhong", 3 }, { "谭", "Tan", 3 },
  { "陆", "Lu", 2 }, { "汪", "Wang", 2 }, { "范", "Fan", 2 }, { "金", "Jin", 2 },
  { "石", "Shi", 2 }, { "廖", "Liao", 2 }, { "贾", "Jia", 2 }, { "夏", "Xia", 2 },
  { "韦", "Wei", 2 }, { "方", "Fang", 2 }, { "白", "Bai", 2 }, { "邹", "Zou", 2 },
  { "孟", "Meng", 2 }, { "熊", "Xiong", 2 }, { "秦", "Qin", 2 }, { "邱", "Qiu", 2 },
  { "江", "Jiang", 2 }, { "尹", "Yin", 2 }, { "薛", "Xue", 2 }, { "段", "Duan", 2 },
  { "雷", "Lei", 2 }, { "侯", "Hou", 2 }, { "龙", "Long", 2 }, { "史", "Shi", 2 },
  { "陶", "Tao", 1 }, { "黎", "Li", 1 }, { "贺", "He", 1 }, { "顾", "Gu", 1 },
  { "毛", "Mao", 1 }, { "郝", "Hao", 1 }, { "龚", "Gong", 1 }, { "邵", "Shao", 1 },
  { "万", "Wan", 1 }, { "钱", "Qian", 1 }, { "严", "Yan", 1 }, { "武", "Wu", 1 },
  { "戴", "Dai", 1 }, { "孔", "Kong", 1 }, { "汤", "Tang", 1 },
};

static const Syllable given[] = {
  { "伟", "wei", 1 }, { "芳", "fang", 1 }, { "娜", "na", 1 }, { "敏", "min", 1 },
  { "静", "jing", 1 }, { "丽", "li", 1 }, { "强", "qiang", 1 }, { "磊", "lei", 1 },
  { "军", "jun", 1 }, { "洋", "yang", 1 }, { "勇", "yong", 1 }, { "艳", "yan", 1 },
  { "杰", "jie", 1 }, { "娟", "juan", 1 }, { "涛", "tao", 1 }, { "明", "ming", 1 },
  { "超", "chao", 1 }, { "秀", "xiu", 1 }, { "霞", "xia", 1 }, { "平", "ping", 1 },
  { "刚", "gang", 1 }, { "英", "ying", 1 }, { "华", "hua", 1 }, { "玉", "yu", 1 },
  { "萍", "ping", 1 }, { "红", "hong", 1 }, { "鹏", "peng", 1 }, { "辉", "hui", 1 },
  { "鑫", "xin", 1 }, { "宇", "yu", 1 }, { "浩", "hao", 1 }, { "婷", "ting", 1 },
  { "雪", "xue", 1 }, { "琳", "lin", 1 }, { "晨", "chen", 1 }, { "欣", "xin", 1 },
  { "怡", "yi", 1 }, { "佳", "jia", 1 }, { "思", "si", 1 }, { "雨", "yu", 1 },
  { "子", "zi", 1 }, { "梓", "zi", 1 }, { "涵", "han", 1 }, { "博", "bo", 1 },
  { "文", "wen", 1 }, { "斌", "bin", 1 }, { "凯", "kai", 1 }, { "健", "jian", 1 },
  { "颖", "ying", 1 }, { "倩", "qian", 1 }, { "峰", "feng", 1 }, { "宁", "ning", 1 },
  { "建", "jian", 1 }, { "国", "guo", 1 }, { "志", "zhi", 1 }, { "海", "hai", 1 },
  { "晓", "xiao", 1 }, { "俊", "jun", 1 }, { "立", "li", 1 }, { "亮", "liang", 1 },
  { "瑶", "yao", 1 }, { "璐", "lu", 1 }, { "蕾", "lei", 1 }, { "薇", "wei", 1 },
  { "嘉", "jia", 1 }, { "睿", "rui", 1 }, { "泽", "ze", 1 }, { "昊", "hao", 1 },
  { "诗", "shi", 1 }, { "悦", "yue", 1 }, { "铭", "ming", 1 }, { "轩", "xuan", 1 },
  { "一", "yi", 1 }, { "天", "tian", 1 }, { "永", "yong", 1 }, { "春", "chun", 1 },
  { "丹", "dan", 1 }, { "慧", "hui", 1 }, { "燕", "yan", 1 }, { "飞", "fei", 1 },
  { "云", "yun", 1 }, { "成", "cheng", 1 }, { "岩", "yan", 1 }, { "新", "xin", 1 },
};

/* Some staff go by a Western first name at work. */
static const char * const western_names[] = {
  "Kevin", "Amy", "Jason", "Lily", "Eric", "Grace", "Tony", "Cindy", "Jack", "Vivian",
  "Leo", "Iris", "Frank", "Coco", "Peter", "Helen", "Steven", "Joy", "Ryan", "Sunny",
  "David", "Emily", "Michael", "Nina", "Vincent", "Irene", "Sam", "Judy", "Allen", "Wendy",
};

typedef struct { const char *title; const char *level; int weight; } Role;

typedef struct
{
  const char *id_suffix;
  const char *name;
  const char *team_prefix;
  const char *head_title;
  const char *head_level;
  const char *lead_title;
  Role        members[4];
} UnitKind;

static const UnitKind sales_unit = {
  "S", "销售部", "销售", "大区销售经理", "M2", "销售主管",
  { { "销售代表", "P2", 50 }, { "高级销售代表", "P3", 30 }, { "KA客户经理", "P4", 15 }, { "销售培训专员", "P3", 5 } },
};

static const UnitKind service_unit = {
  "V", "服务部", "服务", "大区服务经理", "M2", "服务主管",
  { { "服务工程师", "P2", 50 }, { "高级服务工程师", "P3", 30 }, { "临床应用专家", "P4", 15 }, { "备件专员", "P2", 5 } },
};

static const UnitKind head_office_units[] = {
  { "HR", "人力资源部", "人力资源", "人力资源总监", "M3", "HRBP主管",
    { { "HRBP", "P4", 30 }, { "招聘专员", "P3", 25 }, { "薪酬绩效专员", "P3", 25 }, { "培训发展专员", "P3", 20 } } },
  { "FIN", "财务部", "财务", "财务总监", "M3", "财务主管",
    { { "会计", "P3", 45 }, { "财务分析师", "P4", 35 }, { "出纳", "P2", 20 }, { NULL, NULL, 0 } } },
  { "IT", "信息技术部", "信息技术", "信息技术总监", "M3", "IT主管",
    { { "系统工程师", "P3", 40 }, { "数据分析师", "P4", 30 }, { "开发工程师", "P4", 30 }, { NULL, NULL, 0 } } },
  { "MKT", "市场部", "市场", "市场总监", "M3", "市场主管",
    { { "产品经理", "P4", 35 }, { "市场专员", "P3", 35 }, { "学术推广专员", "P3", 30 }, { NULL, NULL, 0 } } },
  { "QRA", "质量与法规部", "质量", "质量法规总监", "M3", "质量主管",
    { { "质量工程师", "P3", 40 }, { "注册专员", "P3", 35 }, { "合规专员", "P4", 25 }, { NULL, NULL, 0 } } },
  { "SCM", "供应链与物流部", "物流", "供应链总监", "M3", "物流主管",
    { { "仓储专员", "P2", 40 }, { "计划专员", "P3", 30 }, { "物流协调员", "P2", 30 }, { NULL, NULL, 0 } } },
  { "SOP", "销售运营部", "运营", "销售运营总监", "M3", "运营主管",
    { { "销售运营专员", "P3", 40 }, { "商务专员", "P2", 35 }, { "数据专员", "P3", 25 }, { NULL, NULL, 0 } } },
};

typedef struct { const char *name; int weight; } Region;

/* Relative sizes follow the market: the eastern coast is the biggest. */
static const Region regions[] = {
  { "上海大区", 13 }, { "江苏大区", 13 }, { "浙江大区", 12 }, { "安徽大区", 9 },
  { "山东大区", 11 }, { "北京大区", 11 }, { "津冀大区", 9 }, { "东北大区", 10 },
  { "河南大区", 10 }, { "湖北大区", 9 }, { "湖南大区", 8 }, { "广东大区", 13 },
  { "闽赣大区", 8 }, { "桂琼大区", 7 }, { "川渝大区", 11 }, { "云贵大区", 7 },
  { "西北大区", 8 },
};

typedef struct
{
  TrellisStore        *store;
  const TrellisDemoOptions *options;
  guint64              rng;
  guint                next_employee;
  guint                n_written;
  GHashTable          *emails;
  TrellisProgressFunc  progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
  int                  surname_total;
} Demo;

/* splitmix64: tiny, fast, and identical on every platform and GLib version. */
static guint64
next_random (Demo *demo)
{
  guint64 z = (demo->rng += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static guint
random_below (Demo  *demo,
              guint  n)
{
  return n == 0 ? 0 : (guint)(next_random (demo) % n);
}

static const Syllable *
pick_surname (Demo *demo)
{
  int r = random_below (demo, demo->surname_total);

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      r -= surnames[i].weight;
      if (r < 0)
        return &surnames[i];
    }
  return &surnames[0];
}

static const Role *
pick_role (Demo           *demo,
           const UnitKind *unit)
{
  int total = 0, r;

  for (guint i = 0; i < G_N_ELEMENTS (unit->members) && unit->members[i].title; i++)
    total += unit->members[i].weight;

  r = random_below (demo, total);
  for (guint i = 0; i < G_N_ELEMENTS (unit->members) && unit->members[i].title; i++)
    {
      r -= unit->members[i].weight;
      if (r < 0)
        return &unit->members[i];
    }
  return &unit->members[0];
}

static char *
capitalize (const char *text)
{
  char *copy = g_strdup (text);
  copy[0] = g_ascii_toupper (copy[0]);
  return copy;
}

/* Senior people were hired earlier: @seniority 0 (new) … 3 (executive). */
static char *
random_hire_date (Demo *demo,
                  int   seniority)
{
  int year = demo->options->year;
  int span = 3 + seniority * 4;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, year - 1 - (int)random_below (demo, span));
  g_date_add_days (&date, random_below (demo, 365));
  return trellis_date_to_string (&date);
}

static gboolean
report_progress (Demo    *demo,
                 GError **error)
{
  if (demo->progress != NULL && (demo->n_written % 1000 == 0 ||
                                 demo->n_written == demo->options->n_employees))
    demo->progress (EMPLOYEES_SHARE * demo->n_written / demo->options->n_employees,
                    _("Writing employees"), demo->progress_data);

  if (demo->n_written % 1000 == 0)
    return !g_cancellable_set_error_if_cancelled (demo->cancellable, error);

  return TRUE;
}

/* Writes one person and returns the new id (owned by the caller). */
static char *
add_employee (Demo        *demo,
              const char  *department_id,
              const char  *manager_id,
              const char  *title,
              const char  *level,
              int          seniority,
              GError     **error)
{
  const Syllable *surname = pick_surname (demo);
  const Syllable *g1 = &given[random_below (demo, G_N_ELEMENTS (given))];
  const Syllable *g2 = random_below (demo, 100) < 62 ? &given[random_below (demo, G_N_ELEMENTS (given))] : NULL;
  g_autofree char *id = g_strdup_printf ("E%06u", ++demo->next_employee);
  g_autofree char *name = g_strconcat (surname->hanzi, g1->hanzi, g2 ? g2->hanzi : "", NULL);
  g_autofree char *given_pinyin = g_strconcat (g1->pinyin, g2 ? g2->pinyin : "", NULL);
  g_autofree char *given_display = capitalize (given_pinyin);
  g_autofree char *english_name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *local = NULL;
  g_autofree char *hire_date = random_hire_date (demo, seniority);
  g_autoptr(TrellisEmployee) employee = NULL;
  gboolean western = random_below (demo, 100) < 30;
  gboolean active = seniority > 0 || random_below (demo, 1000) >= 15;

  if (western)
    english_name = g_strdup_printf ("%s %s",
                                    western_names[random_below (demo, G_N_ELEMENTS (western_names))],
                                    surname->pinyin);
  else
    english_name = g_strdup_printf ("%s %s", given_display, surname->pinyin);

  local = g_ascii_strdown (english_name, -1);
  g_strdelimit (local, " ", '.');
  email = g_strdup_printf ("%s@%s", local, EMAIL_DOMAIN);
  for (guint n = 2; g_hash_table_contains (demo->emails, email); n++)
    {
      g_free (email);
      email = g_strdup_printf ("%s%u@%s", local, n, EMAIL_DOMAIN);
    }
  g_hash_table_add (demo->emails, g_strdup (email));

  employee = trellis_employee_new (&(TrellisEmployeeFields) {
    .id = id,
    .name = name,
    .english_name = english_name,
    .email = email,
    .title = title,
    .level = level,
    .department_id = department_id,
    .manager_id = manager_id,
    .hire_date = hire_date,
    .active = active,
  });

  if (!trellis_org_repository_insert_employee (demo->store, employee, error))
    return NULL;

  demo->n_written++;
  if (!report_progress (demo, error))
    return NULL;

  return g_steal_pointer (&id);
}

static gboolean
add_department (Demo                   *demo,
                const char             *id,
                const char             *name,
                TrellisDepartmentKind   kind,
                const char             *parent_id,
                const char             *head_id,
                GError                **error)
{
  g_autoptr(TrellisDepartment) department = trellis_department_new (id, name, kind, parent_id, head_id);

  return trellis_org_repository_insert_department (demo->store, department, error);
}

/* A department of @n people: its head, then teams of 8–12 under team leads
 * once it is too big for one person to lead directly. */
static gboolean
populate_unit (Demo            *demo,
               const UnitKind  *unit,
               const char      *id,
               const char      *name,
               const char      *parent_id,
               const char      *manager_id,
               guint            n,
               GError         **error)
{
  g_autofree char *head = NULL;
  guint remaining;

  g_assert (n > 0);

  head = add_employee (demo, id, manager_id, unit->head_title, unit->head_level, 2, error);
  if (head == NULL ||
      !add_department (demo, id, name, TRELLIS_DEPARTMENT_DEPARTMENT, parent_id, head, error))
    return FALSE;

  remaining = n - 1;
  if (remaining <= 12)
    {
      for (guint i = 0; i < remaining; i++)
        {
          const Role *role = pick_role (demo, unit);
          g_autofree char *member = add_employee (demo, id, head, role->title, role->level, 0, error);
          if (member == NULL)
            return FALSE;
        }
      return TRUE;
    }

  for (guint team = 1; remaining > 0; team++)
    {
      guint size = 8 + random_below (demo, 5);
      g_autofree char *team_id = g_strdup_printf ("%s-T%02u", id, team);
      g_autofree char *team_name = g_strdup_printf ("%s%u组", unit->team_prefix, team);
      g_autofree char *lead = NULL;

      /* Never leave a last team of fewer than four people. */
      if (remaining <= 12)
        size = remaining;
      else if (remaining - size < 4)
        size = remaining - 4;

      lead = add_employee (demo, team_id, head, unit->lead_title, "M1", 1, error);
      if (lead == NULL ||
          !add_department (demo, team_id, team_name, TRELLIS_DEPARTMENT_TEAM, id, lead, error))
        return FALSE;

      for (guint i = 1; i < size; i++)
        {
          const Role *role = pick_role (demo, unit);
          g_autofree char *member = add_employee (demo, team_id, lead, role->title, role->level, 0, error);
          if (member == NULL)
            return FALSE;
        }

      remaining -= size;
    }

  return TRUE;
}

/* Splits @total by @weights with the largest-remainder method, so the parts
 * always add up to @total. */
static void
apportion (guint        total,
           const int   *weights,
           guint        n,
           guint       *out)
{
  g_autofree double *remainders = g_new (double, n);
  int weight_sum = 0;
  guint given_out = 0;

  for (guint i = 0; i < n; i++)
    weight_sum += weights[i];

  for (guint i = 0; i < n; i++)
    {
      double exact = (double)total * weights[i] / weight_sum;
      out[i] = (guint)floor (exact);
      remainders[i] = exact - out[i];
      given_out += out[i];
    }

  while (given_out < total)
    {
      guint best = 0;
      for (guint i = 1; i < n; i++)
        if (remainders[i] > remainders[best])
          best = i;
      out[best]++;
      remainders[best] = -1.0;
      given_out++;
    }
}

static gboolean
write_cycles (Demo    *demo,
              GError **error)
{
  g_autoptr(GPtrArray) cycles = trellis_cycle_build_year (demo->options->year);

  for (guint i = 0; i < cycles->len; i++)
    if (!trellis_org_repository_insert_cycle (demo->store, g_ptr_array_index (cycles, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
write_meta (Demo    *demo,
            GError **error)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, demo->options->seed);
  g_autofree char *n = g_strdup_printf ("%u", demo->options->n_employees);
  const char *pairs[][2] = {
    { "name", COMPANY_NAME },
    { "demo-seed", seed },
    { "demo-employees", n },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      sqlite3_stmt *stmt = trellis_store_prepare (demo->store,
                                                  "INSERT OR REPLACE INTO workspace_meta (key, value) VALUES (?1, ?2)",
                                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pairs[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, pairs[i][1], -1, SQLITE_TRANSIENT);
      if (!trellis_store_step_done (demo->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate (Demo    *demo,
          GError **error)
{
  guint n = demo->options->n_employees;
  guint n_head_office, n_regions, n_units;
  guint head_office_counts[G_N_ELEMENTS (head_office_units)];
  guint region_counts[G_N_ELEMENTS (regions)];
  int weights[G_N_ELEMENTS (regions)];
  g_autofree char *ceo = NULL;
  g_autofree char *vp_sales = NULL;
  g_autofree char *vp_service = NULL;

  /* Three executives, about 5 % in the head office, the rest in the field. */
  n_units = G_N_ELEMENTS (head_office_units);
  n_head_office = MAX (n_units * 2, (guint)lround (n * 0.05));
  n_regions = CLAMP ((n - 3 - n_head_office) / 3, 1, G_N_ELEMENTS (regions));

  if (!add_department (demo, "C", COMPANY_NAME, TRELLIS_DEPARTMENT_COMPANY, NULL, "E000001", error) ||
      !add_department (demo, "HQ", "总部", TRELLIS_DEPARTMENT_REGION, "C", "E000001", error) ||
      !add_department (demo, "HQ-EXE", "总裁办公室", TRELLIS_DEPARTMENT_DEPARTMENT, "HQ", "E000001", error))
    return FALSE;

  ceo = add_employee (demo, "HQ-EXE", NULL, "总裁", "M5", 3, error);
  if (ceo == NULL)
    return FALSE;
  vp_sales = add_employee (demo, "HQ-EXE", ceo, "销售副总裁", "M4", 3, error);
  if (vp_sales == NULL)
    return FALSE;
  vp_service = add_employee (demo, "HQ-EXE", ceo, "服务副总裁", "M4", 3, error);
  if (vp_service == NULL)
    return FALSE;

  {
    int unit_weights[G_N_ELEMENTS (head_office_units)] = { 3, 2, 2, 3, 2, 2, 2 };
    apportion (n_head_office, unit_weights, n_units, head_office_counts);
  }

  for (guint i = 0; i < n_units; i++)
    {
      const UnitKind *unit = &head_office_units[i];
      g_autofree char *id = g_strdup_printf ("HQ-%s", unit->id_suffix);

      if (head_office_counts[i] > 0 &&
          !populate_unit (demo, unit, id, unit->name, "HQ", ceo, head_office_counts[i], error))
        return FALSE;
    }

  for (guint i = 0; i < n_regions; i++)
    weights[i] = regions[i].weight;
  apportion (n - demo->n_written, weights, n_regions, region_counts);

  for (guint i = 0; i < n_regions; i++)
    {
      g_autofree char *region_id = g_strdup_printf ("R%02u", i + 1);
      g_autofree char *director = NULL;
      guint rest;
      guint n_sales, n_service;

      if (region_counts[i] == 0)
        continue;

      rest = region_counts[i] - 1;
      n_sales = (guint)lround (rest * 0.6);
      n_service = rest - n_sales;
      director = add_employee (demo, region_id, vp_sales, "大区总监", "M3", 2, error);
      if (director == NULL ||
          !add_department (demo, region_id, regions[i].name, TRELLIS_DEPARTMENT_REGION, "C", director, error))
        return FALSE;

      if (n_sales > 0)
        {
          g_autofree char *id = g_strdup_printf ("%s-%s", region_id, sales_unit.id_suffix);
          if (!populate_unit (demo, &sales_unit, id, sales_unit.name, region_id, director, n_sales, error))
            return FALSE;
        }
      if (n_service > 0)
        {
          g_autofree char *id = g_strdup_printf ("%s-%s", region_id, service_unit.id_suffix);
          if (!populate_unit (demo, &service_unit, id, service_unit.name, region_id, director, n_service, error))
            return FALSE;
        }
    }

  g_assert (demo->n_written == n);

  if (demo->progress != NULL)
    demo->progress (EMPLOYEES_SHARE, _("Writing cycles"), demo->progress_data);

  if (!write_cycles (demo, error) || !write_meta (demo, error))
    return FALSE;

  if (!demo->options->with_goals)
    {
      if (demo->progress != NULL)
        demo->progress (1.0, _("Writing cycles"), demo->progress_data);
      return TRUE;
    }

  return trellis_demo_goals_generate (demo->store, demo->options, &demo->rng, demo->progress,
                                      demo->progress_data, EMPLOYEES_SHARE, demo->cancellable, error);
}

void
trellis_demo_options_init (TrellisDemoOptions *options,
                           int                 year)
{
  g_return_if_fail (options != NULL);

  options->n_employees = TRELLIS_DEMO_DEFAULT_EMPLOYEES;
  options->seed = TRELLIS_DEMO_DEFAULT_SEED;
  options->year = year;
  g_date_clear (&options->today, 1);
  g_date_set_dmy (&options->today, 31, G_DATE_DECEMBER, year);
  options->with_goals = TRUE;
}

gboolean
trellis_demo_generate (TrellisStore             *store,
                       const TrellisDemoOptions *options,
                       TrellisProgressFunc       progress,
                       gpointer                  progress_data,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_autoptr(GHashTable) emails = NULL;
  gint64 existing;
  Demo demo = { 0 };

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->n_employees < MIN_EMPLOYEES || options->n_employees > MAX_EMPLOYEES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo organisation needs between %d and %d employees, not %u"),
                   MIN_EMPLOYEES, MAX_EMPLOYEES, options->n_employees);
      return FALSE;
    }

  existing = trellis_store_count_rows (store, "employees", error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The demo organisation can only be generated into an empty workspace"));
      return FALSE;
    }

  emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.store = store;
  demo.options = options;
  demo.rng = options->seed;
  demo.emails = emails;
  demo.progress = progress;
  demo.progress_data = progress_data;
  demo.cancellable = cancellable;
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    demo.surname_total += surnames[i].weight;

  if (!trellis_store_begin (store, error))
    return FALSE;

  if (!generate (&demo, error))
    {
      trellis_store_rollback (store);
      return FALSE;
    }

  return trellis_store_commit (store, error);
}
