import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's reference data: vehicle types, brands and models with their
 * production years (model years, as manufacturers name them; null last year:
 * still made) and engine displacement in cc (null: electric). Years and cc
 * describe the nameplate as sold in its main markets; where a nameplate spans
 * generations, cc is that of the current or last one.
 *
 * Ids are name-based UUIDs (version 5) of the slugs, so every environment gets
 * the same ids and other seeds can refer to them. The slug rules are copied
 * here on purpose: a migration must not change when application code does.
 */
const S = 'scooter';
const M = 'motorcycle';
const C = 'car';
type TypeSlug = typeof S | typeof M | typeof C;

const TYPES: Array<{ slug: TypeSlug; name: string }> = [
  { slug: S, name: 'Scooter' },
  { slug: M, name: 'Motorcycle' },
  { slug: C, name: 'Car' },
];

/** [name, type, first model year, last model year or null, engine cc or null] */
type ModelRow = [string, TypeSlug, number, number | null, number | null];

const BRANDS: Array<{ name: string; models: ModelRow[] }> = [
  {
    name: 'Honda',
    models: [
      ['CBR600RR', M, 2003, null, 599],
      ['CBR1000RR Fireblade', M, 2004, null, 999],
      ['CBR650R', M, 2019, null, 649],
      ['CBR500R', M, 2013, null, 471],
      ['CB500F', M, 2013, null, 471],
      ['CB650R', M, 2019, null, 649],
      ['CB750 Hornet', M, 2023, null, 755],
      ['CB1000R', M, 2008, 2024, 998],
      ['CB Shine', M, 2006, null, 124],
      ['CB Unicorn', M, 2004, null, 163],
      ['CRF1100L Africa Twin', M, 2020, null, 1084],
      ['Gold Wing', M, 1975, null, 1833],
      ['Rebel 500', M, 2017, null, 471],
      ['Rebel 1100', M, 2021, null, 1084],
      ['NC750X', M, 2014, null, 745],
      ['CRF300L', M, 2021, null, 286],
      ['Grom', M, 2014, null, 124],
      ['Activa', S, 2001, null, 110],
      ['Dio', S, 2002, null, 110],
      ['PCX125', S, 2010, null, 125],
      ['Forza 350', S, 2021, null, 330],
      ['SH125i', S, 2001, null, 125],
      ['X-ADV', S, 2017, null, 745],
      ['Civic', C, 1973, null, 1498],
      ['Accord', C, 1976, null, 1498],
      ['CR-V', C, 1995, null, 1498],
      ['Jazz', C, 2001, null, 1498],
      ['City', C, 1996, null, 1498],
      ['HR-V', C, 1999, null, 1498],
    ],
  },
  {
    name: 'Yamaha',
    models: [
      ['YZF-R1', M, 1998, null, 998],
      ['YZF-R6', M, 1999, 2020, 599],
      ['YZF-R7', M, 2022, null, 689],
      ['YZF-R3', M, 2015, null, 321],
      ['YZF-R15', M, 2008, null, 155],
      ['MT-03', M, 2016, null, 321],
      ['MT-07', M, 2014, null, 689],
      ['MT-09', M, 2014, null, 890],
      ['MT-10', M, 2016, null, 998],
      ['MT-15', M, 2019, null, 155],
      ['Tracer 9 GT', M, 2021, null, 890],
      ['Ténéré 700', M, 2019, null, 689],
      ['XSR700', M, 2016, null, 689],
      ['XSR900', M, 2016, null, 890],
      ['FZ-S', M, 2008, null, 149],
      ['TMAX', S, 2001, null, 562],
      ['XMAX 300', S, 2017, null, 292],
      ['NMAX 125', S, 2015, null, 125],
      ['Aerox 155', S, 2021, null, 155],
      ['Fascino 125', S, 2021, null, 125],
      ['RayZR 125', S, 2021, null, 125],
    ],
  },
  {
    name: 'Suzuki',
    models: [
      ['GSX-R1000', M, 2001, null, 999],
      ['GSX-R750', M, 1985, null, 750],
      ['Hayabusa', M, 1999, null, 1340],
      ['GSX-S1000', M, 2015, null, 999],
      ['GSX-8S', M, 2023, null, 776],
      ['V-Strom 650', M, 2004, null, 645],
      ['V-Strom 1050', M, 2020, null, 1037],
      ['SV650', M, 1999, null, 645],
      ['Gixxer', M, 2014, null, 155],
      ['Gixxer SF 250', M, 2019, null, 249],
      ['DR-Z400S', M, 2000, 2024, 398],
      ['Burgman 400', S, 1998, null, 400],
      ['Access 125', S, 2007, null, 124],
      ['Burgman Street 125', S, 2018, null, 124],
      ['Avenis 125', S, 2021, null, 124],
      ['Swift', C, 2004, null, 1197],
      ['Jimny', C, 1970, null, 1462],
      ['Vitara', C, 1988, null, 1462],
    ],
  },
  {
    name: 'Kawasaki',
    models: [
      ['Ninja ZX-10R', M, 2004, null, 998],
      ['Ninja ZX-6R', M, 1995, null, 636],
      ['Ninja 300', M, 2013, null, 296],
      ['Ninja 400', M, 2018, 2023, 399],
      ['Ninja 500', M, 2024, null, 451],
      ['Ninja 650', M, 2006, null, 649],
      ['Ninja 1000SX', M, 2020, null, 1043],
      ['Ninja H2', M, 2015, null, 998],
      ['Z400', M, 2019, 2023, 399],
      ['Z650', M, 2017, null, 649],
      ['Z900', M, 2017, null, 948],
      ['Z900RS', M, 2018, null, 948],
      ['Z H2', M, 2020, null, 998],
      ['Versys 650', M, 2007, null, 649],
      ['Versys 1000', M, 2012, null, 1043],
      ['Vulcan S', M, 2015, null, 649],
      ['KLR650', M, 1987, null, 652],
      ['W800', M, 2011, null, 773],
      ['Eliminator', M, 2024, null, 451],
      ['KX450', M, 2006, null, 449],
    ],
  },
  {
    name: 'Ducati',
    models: [
      ['Panigale V4', M, 2018, null, 1103],
      ['Panigale V2', M, 2020, null, 955],
      ['Monster', M, 1993, null, 937],
      ['Multistrada V4', M, 2021, null, 1158],
      ['Scrambler Icon', M, 2015, null, 803],
      ['Diavel V4', M, 2023, null, 1158],
      ['Streetfighter V4', M, 2020, null, 1103],
      ['Hypermotard 950', M, 2019, null, 937],
      ['DesertX', M, 2022, null, 937],
      ['SuperSport 950', M, 2021, null, 937],
      ['916', M, 1994, 1998, 916],
    ],
  },
  {
    name: 'BMW',
    models: [
      ['S 1000 RR', M, 2009, null, 999],
      ['M 1000 RR', M, 2021, null, 999],
      ['R 1250 GS', M, 2019, 2023, 1254],
      ['R 1300 GS', M, 2024, null, 1300],
      ['F 900 R', M, 2020, null, 895],
      ['G 310 R', M, 2016, null, 313],
      ['R nineT', M, 2014, null, 1170],
      ['K 1600 GT', M, 2011, null, 1649],
      ['C 400 X', S, 2018, null, 350],
      ['CE 04', S, 2022, null, null],
      ['3 Series', C, 1975, null, 1998],
      ['5 Series', C, 1972, null, 1998],
      ['X3', C, 2003, null, 1998],
      ['X5', C, 1999, null, 2998],
      ['i4', C, 2021, null, null],
    ],
  },
  {
    name: 'KTM',
    models: [
      ['125 Duke', M, 2011, null, 124],
      ['200 Duke', M, 2012, null, 199],
      ['390 Duke', M, 2013, null, 399],
      ['790 Duke', M, 2018, null, 799],
      ['890 Duke R', M, 2020, null, 889],
      ['1290 Super Duke R', M, 2014, null, 1301],
      ['RC 390', M, 2014, null, 373],
      ['390 Adventure', M, 2020, null, 373],
      ['890 Adventure', M, 2021, null, 889],
      ['1290 Super Adventure S', M, 2017, null, 1301],
      ['450 SX-F', M, 2007, null, 450],
    ],
  },
  {
    name: 'Triumph',
    models: [
      ['Street Triple', M, 2007, null, 765],
      ['Speed Triple', M, 1994, null, 1160],
      ['Bonneville T120', M, 2016, null, 1200],
      ['Tiger 900', M, 2020, null, 888],
      ['Tiger 1200', M, 2018, null, 1160],
      ['Rocket 3', M, 2004, null, 2458],
      ['Trident 660', M, 2021, null, 660],
      ['Speed 400', M, 2024, null, 398],
      ['Scrambler 400 X', M, 2024, null, 398],
      ['Daytona 675', M, 2006, 2017, 675],
      ['Thruxton RS', M, 2020, 2024, 1200],
    ],
  },
  {
    name: 'Harley-Davidson',
    models: [
      ['Sportster S', M, 2021, null, 1252],
      ['Iron 883', M, 2009, 2022, 883],
      ['Nightster', M, 2022, null, 975],
      ['Fat Boy', M, 1990, null, 1868],
      ['Heritage Classic', M, 1986, null, 1868],
      ['Low Rider S', M, 2020, null, 1923],
      ['Street Glide', M, 2006, null, 1923],
      ['Road Glide', M, 1998, null, 1923],
      ['Pan America 1250', M, 2021, null, 1252],
      ['X440', M, 2023, null, 440],
    ],
  },
  {
    name: 'Aprilia',
    models: [
      ['RSV4', M, 2009, null, 1099],
      ['Tuono V4', M, 2011, null, 1077],
      ['RS 660', M, 2021, null, 659],
      ['Tuono 660', M, 2021, null, 659],
      ['Tuareg 660', M, 2022, null, 659],
      ['RS 457', M, 2024, null, 457],
      ['RS 125', M, 1992, null, 125],
      ['SR 160', S, 2021, null, 160],
      ['SXR 160', S, 2021, null, 160],
    ],
  },
  {
    name: 'Moto Guzzi',
    models: [
      ['V7', M, 2008, null, 853],
      ['V85 TT', M, 2019, null, 853],
      ['V100 Mandello', M, 2022, null, 1042],
      ['California 1400', M, 2012, 2020, 1380],
      ['Stelvio', M, 2024, null, 1042],
    ],
  },
  {
    name: 'MV Agusta',
    models: [
      ['F3 800', M, 2013, null, 798],
      ['Brutale 800', M, 2013, null, 798],
      ['Dragster 800', M, 2014, null, 798],
      ['Brutale 1000 RR', M, 2020, null, 998],
      ['Superveloce 800', M, 2020, null, 798],
      ['Turismo Veloce', M, 2015, null, 798],
    ],
  },
  {
    name: 'Royal Enfield',
    models: [
      ['Bullet 350', M, 1932, null, 349],
      ['Classic 350', M, 2009, null, 349],
      ['Meteor 350', M, 2020, null, 349],
      ['Hunter 350', M, 2022, null, 349],
      ['Himalayan', M, 2016, 2023, 411],
      ['Himalayan 450', M, 2023, null, 452],
      ['Scram 411', M, 2022, 2024, 411],
      ['Guerrilla 450', M, 2024, null, 452],
      ['Interceptor 650', M, 2018, null, 648],
      ['Continental GT 650', M, 2018, null, 648],
      ['Super Meteor 650', M, 2023, null, 648],
      ['Shotgun 650', M, 2024, null, 648],
    ],
  },
  {
    name: 'Bajaj',
    models: [
      ['Pulsar 150', M, 2001, null, 149],
      ['Pulsar NS200', M, 2012, null, 199],
      ['Pulsar RS200', M, 2015, null, 199],
      ['Pulsar N160', M, 2022, null, 165],
      ['Dominar 400', M, 2016, null, 373],
      ['Avenger 220 Cruise', M, 2010, null, 220],
      ['Platina 110', M, 2006, null, 115],
      ['Freedom 125', M, 2024, null, 125],
      ['Chetak', S, 2020, null, null],
    ],
  },
  {
    name: 'TVS',
    models: [
      ['Apache RTR 160', M, 2007, null, 160],
      ['Apache RTR 200 4V', M, 2016, null, 198],
      ['Apache RR 310', M, 2017, null, 312],
      ['Raider 125', M, 2021, null, 124],
      ['Ronin', M, 2022, null, 225],
      ['Star City+', M, 2005, null, 110],
      ['XL100', M, 2015, null, 99],
      ['Jupiter', S, 2013, null, 110],
      ['NTORQ 125', S, 2018, null, 124],
      ['iQube', S, 2020, null, null],
    ],
  },
  {
    name: 'Hero',
    models: [
      ['Splendor', M, 1994, null, 97],
      ['HF Deluxe', M, 2005, null, 97],
      ['Passion Pro', M, 2008, null, 113],
      ['Glamour', M, 2005, null, 125],
      ['Xtreme 160R', M, 2020, null, 163],
      ['XPulse 200', M, 2019, null, 200],
      ['Karizma XMR', M, 2023, null, 210],
      ['Mavrick 440', M, 2024, null, 440],
      ['Pleasure+', S, 2006, null, 110],
      ['Destini 125', S, 2018, null, 125],
      ['Maestro Edge 125', S, 2019, null, 125],
      ['Xoom 110', S, 2023, null, 110],
    ],
  },
  {
    name: 'Piaggio',
    models: [
      ['Liberty 125', S, 1997, null, 124],
      ['Beverly 300', S, 2010, null, 278],
      ['Medley 125', S, 2016, null, 125],
      ['MP3 530', S, 2022, null, 530],
      ['Zip 50', S, 1992, null, 49],
    ],
  },
  {
    name: 'Vespa',
    models: [
      ['Primavera 125', S, 2013, null, 125],
      ['Sprint 125', S, 2014, null, 125],
      ['GTS 300', S, 2008, null, 278],
      ['LX 125', S, 2005, 2013, 125],
      ['PX 125', S, 1977, 2017, 123],
      ['Elettrica', S, 2018, null, null],
      ['VXL 125', S, 2015, null, 125],
      ['SXL 150', S, 2017, null, 150],
    ],
  },
  {
    name: 'Husqvarna',
    models: [
      ['Vitpilen 401', M, 2018, null, 399],
      ['Svartpilen 401', M, 2018, null, 399],
      ['Norden 901', M, 2022, null, 889],
      ['FE 350', M, 2014, null, 350],
      ['TE 300', M, 2014, null, 293],
    ],
  },
  {
    name: 'Indian',
    models: [
      ['Scout', M, 2015, null, 1133],
      ['Chief', M, 2014, null, 1890],
      ['Chieftain', M, 2014, null, 1890],
      ['Roadmaster', M, 2015, null, 1890],
      ['Springfield', M, 2016, null, 1890],
      ['Challenger', M, 2020, null, 1768],
      ['FTR', M, 2019, null, 1203],
    ],
  },
  {
    name: 'Benelli',
    models: [
      ['TRK 502', M, 2017, null, 500],
      ['Leoncino 500', M, 2017, null, 500],
      ['502C', M, 2019, null, 500],
      ['Imperiale 400', M, 2019, null, 374],
    ],
  },
  {
    name: 'CFMoto',
    models: [
      ['300NK', M, 2019, null, 292],
      ['450SR', M, 2022, null, 450],
      ['650MT', M, 2017, null, 649],
      ['700CL-X', M, 2020, null, 693],
      ['800MT', M, 2021, null, 799],
    ],
  },
  {
    name: 'Kymco',
    models: [
      ['Like 125', S, 2009, null, 125],
      ['Agility 125', S, 2005, null, 125],
      ['People S 125', S, 2005, null, 125],
      ['Downtown 350i', S, 2015, null, 321],
      ['X-Town 300i', S, 2016, null, 276],
      ['AK 550', S, 2017, null, 550],
    ],
  },
  {
    name: 'SYM',
    models: [
      ['Jet 14', S, 2017, null, 125],
      ['Symphony ST 125', S, 2019, null, 125],
      ['Cruisym 300', S, 2017, null, 278],
      ['Maxsym TL 500', S, 2020, null, 465],
    ],
  },
  {
    name: 'Peugeot',
    models: [
      ['Django 125', S, 2014, null, 125],
      ['Metropolis 400', S, 2013, null, 399],
      ['Kisbee 50', S, 2010, null, 49],
      ['208', C, 2012, null, 1199],
      ['308', C, 2007, null, 1199],
      ['2008', C, 2013, null, 1199],
      ['3008', C, 2008, null, 1199],
    ],
  },
  {
    name: 'Ather',
    models: [
      ['450X', S, 2020, null, null],
      ['450S', S, 2023, null, null],
      ['Rizta', S, 2024, null, null],
    ],
  },
  {
    name: 'Ola Electric',
    models: [
      ['S1 Pro', S, 2021, null, null],
      ['S1 Air', S, 2023, null, null],
      ['S1 X', S, 2023, null, null],
    ],
  },
  {
    name: 'Toyota',
    models: [
      ['Corolla', C, 1966, null, 1798],
      ['Camry', C, 1982, null, 2487],
      ['RAV4', C, 1994, null, 2487],
      ['Yaris', C, 1999, null, 1490],
      ['Hilux', C, 1968, null, 2755],
      ['Land Cruiser', C, 1951, null, 3346],
      ['Prius', C, 1997, null, 1798],
      ['Fortuner', C, 2005, null, 2755],
      ['Innova', C, 2004, null, 2393],
      ['Supra', C, 1978, null, 2998],
    ],
  },
  {
    name: 'Volkswagen',
    models: [
      ['Golf', C, 1974, null, 1498],
      ['Polo', C, 1975, null, 999],
      ['Passat', C, 1973, null, 1984],
      ['Jetta', C, 1979, null, 1498],
      ['Tiguan', C, 2007, null, 1984],
      ['T-Roc', C, 2017, null, 1498],
      ['Virtus', C, 2018, null, 999],
      ['ID.4', C, 2020, null, null],
    ],
  },
  {
    name: 'Ford',
    models: [
      ['Mustang', C, 1965, null, 2264],
      ['F-150', C, 1975, null, 2694],
      ['Focus', C, 1998, 2025, 999],
      ['Fiesta', C, 1976, 2023, 999],
      ['Ranger', C, 1983, null, 1996],
      ['Explorer', C, 1990, null, 2264],
      ['Escape', C, 2000, null, 1497],
      ['Puma', C, 2019, null, 999],
    ],
  },
  {
    name: 'Hyundai',
    models: [
      ['i10', C, 2007, null, 1197],
      ['i20', C, 2008, null, 1197],
      ['Creta', C, 2015, null, 1497],
      ['Venue', C, 2019, null, 1197],
      ['Verna', C, 2006, null, 1497],
      ['Elantra', C, 1990, null, 1999],
      ['Tucson', C, 2004, null, 1598],
      ['Santa Fe', C, 2000, null, 2497],
      ['Kona', C, 2017, null, 1598],
      ['Ioniq 5', C, 2021, null, null],
    ],
  },
  {
    name: 'Kia',
    models: [
      ['Picanto', C, 2004, null, 998],
      ['Sonet', C, 2020, null, 1197],
      ['Seltos', C, 2019, null, 1497],
      ['Carens', C, 1999, null, 1497],
      ['Sportage', C, 1993, null, 1598],
      ['EV6', C, 2021, null, null],
    ],
  },
  {
    name: 'Maruti Suzuki',
    models: [
      ['Alto', C, 2000, null, 998],
      ['Wagon R', C, 1999, null, 998],
      ['Swift', C, 2005, null, 1197],
      ['Dzire', C, 2008, null, 1197],
      ['Baleno', C, 2015, null, 1197],
      ['Ertiga', C, 2012, null, 1462],
      ['Brezza', C, 2016, null, 1462],
      ['Ciaz', C, 2014, null, 1462],
      ['Grand Vitara', C, 2022, null, 1462],
      ['Fronx', C, 2023, null, 1197],
    ],
  },
  {
    name: 'Tata',
    models: [
      ['Indica', C, 1998, 2018, 1193],
      ['Tiago', C, 2016, null, 1199],
      ['Altroz', C, 2020, null, 1199],
      ['Punch', C, 2021, null, 1199],
      ['Nexon', C, 2017, null, 1199],
      ['Nexon EV', C, 2020, null, null],
      ['Harrier', C, 2019, null, 1956],
      ['Safari', C, 1998, null, 1956],
    ],
  },
  {
    name: 'Mahindra',
    models: [
      ['Bolero', C, 2000, null, 1493],
      ['Scorpio', C, 2002, null, 2184],
      ['Scorpio-N', C, 2022, null, 1997],
      ['Thar', C, 2010, null, 1997],
      ['XUV300', C, 2019, 2024, 1197],
      ['XUV 3XO', C, 2024, null, 1197],
      ['XUV700', C, 2021, null, 1997],
    ],
  },
  {
    name: 'Renault',
    models: [
      ['Clio', C, 1990, null, 999],
      ['Mégane', C, 1995, null, 1332],
      ['Captur', C, 2013, null, 1332],
      ['Duster', C, 2010, null, 1332],
      ['Kwid', C, 2015, null, 999],
      ['Triber', C, 2019, null, 999],
    ],
  },
  {
    name: 'Škoda',
    models: [
      ['Fabia', C, 1999, null, 999],
      ['Octavia', C, 1996, null, 1498],
      ['Superb', C, 2001, null, 1984],
      ['Kodiaq', C, 2016, null, 1984],
      ['Kushaq', C, 2021, null, 999],
      ['Slavia', C, 2022, null, 999],
      ['Enyaq', C, 2020, null, null],
    ],
  },
  {
    name: 'Citroën',
    models: [
      ['C3', C, 2002, null, 1199],
      ['C5 Aircross', C, 2018, null, 1199],
      ['Berlingo', C, 1996, null, 1499],
    ],
  },
  {
    name: 'Mazda',
    models: [
      ['MX-5', C, 1989, null, 1998],
      ['Mazda2', C, 2002, null, 1496],
      ['Mazda3', C, 2003, null, 1998],
      ['CX-30', C, 2019, null, 1998],
      ['CX-5', C, 2012, null, 2488],
    ],
  },
  {
    name: 'Nissan',
    models: [
      ['Micra', C, 1982, null, 999],
      ['Qashqai', C, 2006, null, 1332],
      ['X-Trail', C, 2000, null, 1497],
      ['Leaf', C, 2010, null, null],
      ['Magnite', C, 2020, null, 999],
      ['GT-R', C, 2007, null, 3799],
    ],
  },
  {
    name: 'Tesla',
    models: [
      ['Model S', C, 2012, null, null],
      ['Model X', C, 2015, null, null],
      ['Model 3', C, 2017, null, null],
      ['Model Y', C, 2020, null, null],
      ['Cybertruck', C, 2023, null, null],
    ],
  },
];

/** Fixed namespace of the catalog's name-based ids. */
const ID_NAMESPACE = Buffer.from('5b0f3c1e9a7d4e62b8c4d2f1a6e09c37', 'hex');

/** RFC 9562 version 5 UUID of `name` in ID_NAMESPACE. */
function stableId(name: string): string {
  const hash = createHash('sha1').update(ID_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface Seed {
  types: Array<{ id: string; slug: string; name: string }>;
  brands: Array<{ id: string; slug: string; name: string }>;
  brandTypes: Array<{ brandId: string; typeId: string }>;
  models: Array<{
    id: string;
    brandId: string;
    typeId: string;
    slug: string;
    name: string;
    firstYear: number;
    lastYear: number | null;
    engineCc: number | null;
  }>;
}

function catalogSeed(): Seed {
  const typeId = (slug: TypeSlug) => stableId(`vehicle-type:${slug}`);
  const seed: Seed = { types: TYPES.map((type) => ({ id: typeId(type.slug), ...type })), brands: [], brandTypes: [], models: [] };
  for (const brand of BRANDS) {
    const brandSlug = slugify(brand.name);
    const brandId = stableId(`vehicle-brand:${brandSlug}`);
    seed.brands.push({ id: brandId, slug: brandSlug, name: brand.name });
    for (const type of new Set(brand.models.map(([, type]) => type))) seed.brandTypes.push({ brandId, typeId: typeId(type) });
    for (const [name, type, firstYear, lastYear, engineCc] of brand.models) {
      const slug = slugify(name);
      seed.models.push({ id: stableId(`vehicle-model:${brandSlug}/${slug}`), brandId, typeId: typeId(type), slug, name, firstYear, lastYear, engineCc });
    }
  }
  return seed;
}

export class CatalogReferenceData1763942460000 implements MigrationInterface {
  name = 'CatalogReferenceData1763942460000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const seed = catalogSeed();
    const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);
    await queryRunner.query(`INSERT INTO vehicle_types (id, slug, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`, [
      column(seed.types, 'id'),
      column(seed.types, 'slug'),
      column(seed.types, 'name'),
    ]);
    await queryRunner.query(`INSERT INTO vehicle_brands (id, slug, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`, [
      column(seed.brands, 'id'),
      column(seed.brands, 'slug'),
      column(seed.brands, 'name'),
    ]);
    await queryRunner.query(`INSERT INTO vehicle_brand_types (brand_id, type_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [
      column(seed.brandTypes, 'brandId'),
      column(seed.brandTypes, 'typeId'),
    ]);
    await queryRunner.query(
      `INSERT INTO vehicle_models (id, brand_id, type_id, slug, name, first_year, last_year, engine_cc)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::smallint[], $7::smallint[], $8::integer[])
       ON CONFLICT DO NOTHING`,
      [
        column(seed.models, 'id'),
        column(seed.models, 'brandId'),
        column(seed.models, 'typeId'),
        column(seed.models, 'slug'),
        column(seed.models, 'name'),
        column(seed.models, 'firstYear'),
        column(seed.models, 'lastYear'),
        column(seed.models, 'engineCc'),
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const seed = catalogSeed();
    await queryRunner.query(`DELETE FROM vehicle_models WHERE id = ANY($1::uuid[])`, [seed.models.map((model) => model.id)]);
    await queryRunner.query(`DELETE FROM vehicle_brand_types WHERE brand_id = ANY($1::uuid[])`, [seed.brands.map((brand) => brand.id)]);
    await queryRunner.query(`DELETE FROM vehicle_brands WHERE id = ANY($1::uuid[])`, [seed.brands.map((brand) => brand.id)]);
    await queryRunner.query(`DELETE FROM vehicle_types WHERE id = ANY($1::uuid[])`, [seed.types.map((type) => type.id)]);
  }
}
