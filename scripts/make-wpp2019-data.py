#!/usr/bin/env python3
"""Regenerates src/Sarcopenia.Sim/Demography/Data/wpp2019-*.csv.gz from the UN's text tables.

Source: United Nations, Department of Economic and Social Affairs, Population Division (2019). World Population
Prospects 2019. CC BY 3.0 IGO. The input is the folder of tab-separated tables of the R package wpp2019 1.1-1
(popF.txt, popM.txt, popFprojMed.txt, ..., mxF.txt, mxM.txt, UNlocations.txt), e.g. shared/data/wpp2019.

Usage: python3 scripts/make-wpp2019-data.py SOURCE_FOLDER [OUTPUT_FOLDER]

Python 3 standard library only. The output is byte-for-byte reproducible: rows are sorted, numbers are written as the
source gives them (populations in persons: the source's thousands with three decimals times 1,000, which is exact),
and gzip headers carry no time stamp or file name. docs/projection.md describes the three files.
"""
import csv
import gzip
import io
import os
import sys

AGE_GROUPS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59',
              '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90-94', '95-99', '100+']
# m(x) rows name the start of the abridged group: 0, 1-4, 5-9, ..., 95-99, 100+.
MX_AGES = ['0', '1'] + [str(a) for a in range(5, 101, 5)]
MX_LABELS = ['0', '1-4'] + AGE_GROUPS[1:]
POPULATION_FILES = [
    ('Estimate', 'popF.txt', 'popM.txt'),
    ('Medium', 'popFprojMed.txt', 'popMprojMed.txt'),
    ('Low', 'popFprojLow.txt', 'popMprojLow.txt'),
    ('High', 'popFprojHigh.txt', 'popMprojHigh.txt'),
]
# UNlocations.txt location_type: 0 the world, 2 continental regions, 3 their subregions, 4 countries and areas; any
# other value is the code of a special grouping (development, income, SDG regions, ...).
KINDS = {'0': 'World', '2': 'Region', '3': 'Subregion', '4': 'Country'}


def read_table(path):
    """Rows of a tab-separated table keyed by (code, age); identical duplicate rows (mxM.txt repeats a few) collapse."""
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f, delimiter='\t'))
    header, table = rows[0], {}
    for row in rows[1:]:
        key = (int(row[0]), row[2])
        if key in table and table[key] != row[3:]:
            sys.exit(f'{path}: two different rows for location {key[0]}, age {key[1]}')
        table[key] = row[3:]
    return header[3:], table


def persons(thousands):
    # The source has three decimals of thousands, so this is the exact whole number of persons.
    return str(round(float(thousands) * 1000))


def gzip_csv(path, text):
    with open(path, 'wb') as raw:
        with gzip.GzipFile(filename='', mode='wb', compresslevel=9, fileobj=raw, mtime=0) as f:
            f.write(text.encode('utf-8'))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = sys.argv[1]
    output = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(__file__), '..', 'src', 'Sarcopenia.Sim', 'Demography', 'Data')

    populations = {}
    for variant, female, male in POPULATION_FILES:
        for sex, name in (('Female', female), ('Male', male)):
            years, table = read_table(os.path.join(source, name))
            populations[(variant, sex)] = (years, table)
    rates = {sex: read_table(os.path.join(source, name)) for sex, name in (('Female', 'mxF.txt'), ('Male', 'mxM.txt'))}

    def codes(years_table):
        return {code for code, _ in years_table[1]}

    # A location is shipped when it has estimates, the medium projection and death rates for both sexes (this drops the
    # headings 1802 and 1840 of the projection files and the SDG copy 1830 of Latin America, which has no projection).
    shipped = set.intersection(*(codes(populations[(v, s)]) for v in ('Estimate', 'Medium') for s in ('Female', 'Male')),
                               *(codes(rates[s]) for s in rates))

    with open(os.path.join(source, 'UNlocations.txt'), newline='', encoding='utf-8') as f:
        locations = [row for row in csv.DictReader(f, delimiter='\t') if int(row['country_code']) in shipped]
    missing = shipped - {int(row['country_code']) for row in locations}
    if missing:
        sys.exit(f'UNlocations.txt lacks the locations {sorted(missing)}')

    text = io.StringIO(newline='')
    text.write('code,name,kind,region_code,area_code\n')
    for row in sorted(locations, key=lambda r: int(r['country_code'])):
        kind = KINDS.get(row['location_type'], 'Aggregate')
        name = row['name'].replace('"', '""')
        region = row['reg_code'] if kind == 'Country' else ''
        area = row['area_code'] if kind == 'Country' else ''
        text.write(f'{row["country_code"]},"{name}",{kind},{region},{area}\n')
    gzip_csv(os.path.join(output, 'wpp2019-locations.csv.gz'), text.getvalue())

    text = io.StringIO(newline='')
    text.write('code,variant,year,sex,' + ','.join(AGE_GROUPS) + '\n')
    for code in sorted(shipped):
        for variant, _, _ in POPULATION_FILES:
            for sex in ('Female', 'Male'):
                years, table = populations[(variant, sex)]
                if (code, AGE_GROUPS[0]) not in table:
                    continue  # a few small areas have no low and high variants
                for j, year in enumerate(years):
                    text.write(f'{code},{variant},{year},{sex},' + ','.join(persons(table[(code, a)][j]) for a in AGE_GROUPS) + '\n')
    gzip_csv(os.path.join(output, 'wpp2019-population.csv.gz'), text.getvalue())

    text = io.StringIO(newline='')
    text.write('code,period,sex,' + ','.join(MX_LABELS) + '\n')
    for code in sorted(shipped):
        for sex in ('Female', 'Male'):
            periods, table = rates[sex]
            for j, period in enumerate(periods):
                text.write(f'{code},{period},{sex},' + ','.join(table[(code, a)][j] for a in MX_AGES) + '\n')
    gzip_csv(os.path.join(output, 'wpp2019-mx.csv.gz'), text.getvalue())


if __name__ == '__main__':
    main()
